// One case in the worker's lists: what, where, how urgent; opened, its dossier (photos, timeline) and
// the actions the server says the worker may take now — accept (签收), feedback with after-handling
// photos (处置反馈), verify (核查) and escalate (上报上级).

import { findItem } from '@domain/taxonomy';
import { ACTION_NAMES, type CaseAction } from '@domain/workflow/states';
import { useState } from 'react';
import type { FieldApi } from '../../api/fieldApi';
import type { EventDetail, EventRecord } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { shortTime } from '../../ui/caseFormat';
import { useResource } from '../../ui/useResource';
import { problemText } from './field.model';
import { PhotoPicker } from './PhotoPicker';
import { useKept } from './useKept';
import { usePhotoUploads } from './usePhotoUploads';

/** The actions this page offers, in the order shown. */
const OFFERED: readonly CaseAction[] = ['accept', 'feedback', 'verify', 'escalate'];

export function CaseCard({
  api,
  event,
  open,
  onToggle,
  onChanged,
}: {
  api: FieldApi;
  event: EventRecord;
  open: boolean;
  onToggle(): void;
  /** After an action: what was done, for the page to say (the case may leave the list). */
  onChanged(done?: string): void;
}) {
  const { t, lang } = useI18n();
  const item = findItem(event.itemCode);
  const when = (iso: string) => shortTime(iso, lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <li
      className={`field-case${event.overdue ? ' field-case-overdue' : ''}`}
      data-testid="field-case"
      data-case={event.id}
    >
      <button type="button" className="field-case-head" onClick={onToggle} aria-expanded={open}>
        <span className="field-case-title">
          {item ? (lang === 'zh' ? item.name : item.nameEn) : event.itemCode}
          <span className={`field-status field-status-${event.status}`}>{t(`status.${event.status}`)}</span>
        </span>
        <span className="field-case-text">{event.description}</span>
        <span className="field-case-meta">
          {event.code}
          {event.dueAt && ` · ${t('field.case.deadline', { when: when(event.dueAt) })}`}
          {event.overdue && ` · ${t('field.case.overdue')}`}
        </span>
      </button>
      {open && <CaseDossier api={api} id={event.id} onChanged={onChanged} />}
    </li>
  );
}

function CaseDossier({ api, id, onChanged }: { api: FieldApi; id: string; onChanged(done?: string): void }) {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const dossier = useKept(useResource((signal) => api.event(id, signal), [api, id, version]));
  if (dossier.status === 'error') return <p className="field-problem">{problemText(t, dossier.error)}</p>;
  const d = dossier.data;
  if (!d) return <p className="field-hint">{t('field.inbox.loading')}</p>;
  return (
    <div className="field-dossier">
      {d.photos.length > 0 && (
        <div className="field-section">
          <h3>{t('field.case.photos')}</h3>
          <ul className="field-photos">
            {d.photos.map((p) => (
              <li key={`${p.seq}:${p.id}`} className="field-photo">
                <img src={p.url} alt="" loading="lazy" data-testid="field-case-photo" />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="field-section">
        <h3>{t('field.case.timeline')}</h3>
        <ol className="field-timeline">
          {d.steps.map((s) => (
            <li key={s.seq}>
              <span className="field-timeline-action">{ACTION_NAMES[s.action][lang]}</span>{' '}
              <span className="field-case-meta">{shortTime(s.at, lang === 'zh' ? 'zh-CN' : 'en-GB')}</span>
              {s.note && <span className="field-case-text"> {s.note}</span>}
            </li>
          ))}
        </ol>
      </div>
      <CaseActions
        api={api}
        detail={d}
        onDone={(done) => {
          setVersion((v) => v + 1);
          onChanged(done);
        }}
      />
    </div>
  );
}

function CaseActions({ api, detail, onDone }: { api: FieldApi; detail: EventDetail; onDone(done?: string): void }) {
  const { t, lang } = useI18n();
  const offered = OFFERED.filter((a) => detail.actions.includes(a));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const photos = usePhotoUploads(api);
  const takesPhotos = offered.includes('feedback') || offered.includes('verify');

  async function run(action: CaseAction, passed?: boolean) {
    if (takesPhotos && !photos.ready) {
      setProblem(t('field.missing.photos'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const text = note.trim() || undefined;
      const withPhotos = photos.ids.length ? photos.ids : undefined;
      if (action === 'feedback') await api.act(detail.id, { action, note: text, photos: withPhotos });
      else if (action === 'verify')
        await api.act(detail.id, { action, passed: passed!, note: text, photos: withPhotos });
      else if (action === 'accept' || action === 'escalate') await api.act(detail.id, { action, note: text });
      const said = t('field.case.done', { action: ACTION_NAMES[action][lang] });
      setDone(said);
      setNote('');
      photos.reset();
      onDone(said);
    } catch (error) {
      setProblem(problemText(t, error));
      if ((error as { code?: string }).code === 'illegal_transition') onDone();
    } finally {
      setBusy(false);
    }
  }

  if (offered.length === 0) return <p className="field-hint">{done ?? t('field.case.noActions')}</p>;
  return (
    <div className="field-section field-actions">
      {done && <p className="field-ok">{done}</p>}
      <label className="field-label">
        {t('field.case.note')}
        <textarea
          className="field-input field-textarea"
          placeholder={t('field.case.notePlaceholder')}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {takesPhotos && <PhotoPicker photos={photos} />}
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="field-row field-wrap">
        {offered.map((a) =>
          a === 'verify' ? (
            <span key={a} className="field-row">
              <button
                type="button"
                className="field-button field-primary"
                disabled={busy}
                onClick={() => void run(a, true)}
              >
                {t('field.case.passed')}
              </button>
              <button type="button" className="field-button" disabled={busy} onClick={() => void run(a, false)}>
                {t('field.case.failed')}
              </button>
            </span>
          ) : (
            <button
              key={a}
              type="button"
              className={`field-button${a === 'escalate' ? '' : ' field-primary'}`}
              disabled={busy}
              onClick={() => void run(a)}
            >
              {ACTION_NAMES[a][lang]}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
