// The actions this user may take on the case now, as buttons; one opens its form (every action may
// carry a note). The server decides: a refusal (403, 409, 400) is shown with its message.
import { DEPARTMENTS } from '@domain/departments';
import { type CaseAction, RATERS, SATISFACTIONS } from '@domain/workflow/states';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/apiError';
import type { CaseDossier } from '../../api/casesApi';
import type { TwinApi, UnitSummary } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import {
  ACTION_FIELDS,
  type ActionDraft,
  type DraftField,
  draftFor,
  itemDepartment,
  requestOf,
} from './actionForm.model';

type Act = Exclude<CaseAction, 'report'>;

interface Props {
  api: TwinApi;
  dossier: CaseDossier;
  actions: readonly CaseAction[];
  units: UnitSummary | null;
  onChanged(): void;
}

const FIELD_LABEL: Record<DraftField, MessageKey> = {
  reason: 'desk.form.reason',
  into: 'desk.form.into',
  lead: 'desk.form.lead',
  co: 'desk.form.co',
  hours: 'desk.form.hours',
  passed: 'desk.form.passed',
  satisfaction: 'desk.form.satisfaction',
  ratedBy: 'desk.form.ratedBy',
  supervisor: 'desk.form.supervisor',
  task: 'desk.form.task',
};

export function ActionPanel({ api, dossier, actions, units, onChanged }: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const [open, setOpen] = useState<Act | null>(null);
  const [draft, setDraft] = useState<ActionDraft | null>(null);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const label = (a: CaseAction) => t(`desk.action.${a}` as MessageKey);

  const start = (a: Act) => {
    setOpen(a);
    const pending = dossier.tasks.filter((k) => k.pendingExtension).map((k) => k.no);
    setDraft(draftFor(a, { itemCode: dossier.itemCode, userId: user.userId, pending }));
    setMessage(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!open || !draft) return;
    const request = requestOf(open, draft);
    if (!request.ok) {
      setMessage({
        ok: false,
        text:
          request.problem === 'hours'
            ? t('desk.form.hoursInvalid')
            : t('desk.form.required', { field: t(FIELD_LABEL[request.field]) }),
      });
      return;
    }
    setSending(true);
    try {
      await api.cases.act(dossier.id, request.body);
      setMessage({ ok: true, text: t('desk.done', { action: label(open) }) });
      setOpen(null);
      onChanged();
    } catch (err) {
      setMessage({ ok: false, text: t('desk.refused', { message: err instanceof Error ? err.message : String(err) }) });
      // Refused for the case's state or the user's hold on it: the case has moved on; show it as it is
      // now. A field at fault (400) keeps the form open to correct.
      if (err instanceof ApiError && [403, 404, 409].includes(err.status)) {
        setOpen(null);
        onChanged();
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="dossier-section action-panel" aria-label={t('desk.actions')}>
      {actions.length === 0 ? (
        <p className="form-hint">{t('desk.noActions')}</p>
      ) : (
        <div className="form-buttons">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              data-action={a}
              className={open === a ? 'primary' : undefined}
              aria-pressed={open === a}
              onClick={() => start(a as Act)}
            >
              {label(a)}
            </button>
          ))}
        </div>
      )}
      {message && (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {open && draft && (
        <form className="action-form" onSubmit={(e) => void submit(e)} aria-label={label(open)}>
          {ACTION_FIELDS[open].map((f) => (
            <Field key={f} field={f} draft={draft} onDraft={setDraft} dossier={dossier} units={units} />
          ))}
          <label>
            {t('desk.form.note')}
            <textarea rows={2} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
          </label>
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={sending}>
              {sending ? t('desk.form.sending') : t('desk.form.submit', { action: label(open) })}
            </button>
            <button type="button" onClick={() => setOpen(null)} disabled={sending}>
              {t('desk.form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Field({
  field,
  draft,
  onDraft,
  dossier,
  units,
}: {
  field: DraftField;
  draft: ActionDraft;
  onDraft(d: ActionDraft): void;
  dossier: CaseDossier;
  units: UnitSummary | null;
}) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<ActionDraft>) => onDraft({ ...draft, ...patch });
  const label = t(FIELD_LABEL[field]);
  switch (field) {
    case 'reason':
    case 'into':
    case 'supervisor':
      return (
        <label>
          {label}
          <input value={draft[field]} onChange={(e) => set({ [field]: e.target.value })} />
        </label>
      );
    case 'hours':
      return (
        <label>
          {dossier.status === 'filed' ? label : t('desk.form.extensionHours')}
          <input
            type="number"
            min={1}
            max={720}
            step={1}
            inputMode="numeric"
            value={draft.hours}
            onChange={(e) => set({ hours: e.target.value })}
          />
        </label>
      );
    case 'lead':
    case 'co': {
      const own = itemDepartment(dossier.itemCode);
      // the units above the case's grid, and the grid itself (属地)
      const local = units ? [...units.ancestors.filter((a) => a.level !== 'city'), units] : [];
      const options = (
        <>
          <optgroup label={t('desk.form.departments')}>
            {DEPARTMENTS.map((d) => {
              const name = lang === 'zh' ? d.name : d.nameEn;
              return (
                <option key={d.id} value={d.id}>
                  {field === 'lead' && d.id === own ? t('desk.form.leadDefault', { name }) : name}
                </option>
              );
            })}
          </optgroup>
          <optgroup label={t('desk.form.units')}>
            {local.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </optgroup>
        </>
      );
      return field === 'lead' ? (
        <label>
          {label}
          <select value={draft.lead} onChange={(e) => set({ lead: e.target.value })}>
            {!draft.lead && <option value="" />}
            {options}
          </select>
        </label>
      ) : (
        <label>
          {label}
          <select
            multiple
            size={6}
            value={draft.co}
            onChange={(e) => set({ co: [...e.target.selectedOptions].map((o) => o.value) })}
          >
            {options}
          </select>
        </label>
      );
    }
    case 'task': {
      const pending = dossier.tasks.filter((k) => k.pendingExtension);
      // one task awaiting: nothing to choose
      if (pending.length < 2) return null;
      return (
        <label>
          {label}
          <select value={draft.task} onChange={(e) => set({ task: e.target.value })}>
            {pending.map((k) => (
              <option key={k.no} value={String(k.no)}>
                {t('desk.form.taskValue', {
                  no: k.no,
                  hours: k.pendingExtension!.hours,
                  reason: k.pendingExtension!.reason,
                })}
              </option>
            ))}
          </select>
        </label>
      );
    }
    case 'passed':
      return (
        <fieldset className="choice">
          <legend>{label}</legend>
          {(['yes', 'no'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="passed" checked={draft.passed === v} onChange={() => set({ passed: v })} />
              {t(v === 'yes' ? 'desk.form.passedYes' : 'desk.form.passedNo')}
            </label>
          ))}
        </fieldset>
      );
    case 'satisfaction':
      return (
        <fieldset className="choice">
          <legend>{label}</legend>
          {SATISFACTIONS.map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="satisfaction"
                checked={draft.satisfaction === v}
                onChange={() => set({ satisfaction: v })}
              />
              {t(`desk.satisfaction.${v}`)}
            </label>
          ))}
        </fieldset>
      );
    case 'ratedBy':
      return (
        <label>
          {label}
          <select value={draft.ratedBy} onChange={(e) => set({ ratedBy: e.target.value as ActionDraft['ratedBy'] })}>
            {RATERS.map((r) => (
              <option key={r} value={r}>
                {t(`desk.rater.${r}`)}
              </option>
            ))}
          </select>
        </label>
      );
  }
}
