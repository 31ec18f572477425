// The leader's instruction (批示): the words, the lead department and the co-handling departments, each
// with a deadline. Issued, it becomes the case's dispatch and 督办 on the server in one step; a refusal
// (the case has moved on, a deadline in the past) is shown as the server words it, and nothing changed.
import { DEPARTMENTS } from '@domain/departments';
import { useMemo, useState } from 'react';
import type { LeaderDay } from '../../api/leaderDaysApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { type Assignment, dayAfter, draftProblem, type InstructionDraft, instructionBody } from './leader.model';

/** A leader's deadline, by default: ten days on (the article's hard cases take weeks, not hours). */
const DEFAULT_DAYS = 10;

interface Props {
  api: TwinApi;
  month: string;
  eventId: string;
  onDone(next: LeaderDay): void;
}

export function InstructionForm({ api, month, eventId, onDone }: Props) {
  const { t, lang } = useI18n();
  const firstDeadline = useMemo(() => dayAfter(Date.now(), DEFAULT_DAYS), []);
  const today = useMemo(() => dayAfter(Date.now(), 0), []);
  const [draft, setDraft] = useState<InstructionDraft>({
    text: '',
    lead: { departmentId: '', deadline: firstDeadline },
    co: [],
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const chosen = new Set([draft.lead.departmentId, ...draft.co.map((c) => c.departmentId)].filter(Boolean));
  const setCo = (i: number, next: Partial<Assignment>) =>
    setDraft((d) => ({ ...d, co: d.co.map((c, j) => (j === i ? { ...c, ...next } : c)) }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const why = draftProblem(draft);
    if (why) {
      setProblem(t(why));
      return;
    }
    setProblem(null);
    setSending(true);
    try {
      await api.leaderDays.instruct(month, instructionBody(eventId, draft));
      onDone(await api.leaderDays.day(month));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  }

  const options = (own: string) =>
    DEPARTMENTS.filter((d) => d.id === own || !chosen.has(d.id)).map((d) => (
      <option key={d.id} value={d.id}>
        {lang === 'zh' ? d.name : d.nameEn}
      </option>
    ));
  return (
    <form className="instruction-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="instruction-text">
        <span>{t('leader.instruction.text')}</span>
        <textarea
          rows={3}
          value={draft.text}
          placeholder={t('leader.instruction.textHint')}
          onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
        />
      </label>
      <fieldset className="instruction-row">
        <legend>{t('leader.instruction.lead')}</legend>
        <select
          aria-label={t('leader.instruction.lead')}
          value={draft.lead.departmentId}
          onChange={(e) => setDraft((d) => ({ ...d, lead: { ...d.lead, departmentId: e.target.value } }))}
        >
          <option value="">{t('leader.instruction.pick')}</option>
          {options(draft.lead.departmentId)}
        </select>
        <input
          type="date"
          aria-label={`${t('leader.instruction.lead')} ${t('leader.instruction.deadline')}`}
          min={today}
          value={draft.lead.deadline}
          onChange={(e) => setDraft((d) => ({ ...d, lead: { ...d.lead, deadline: e.target.value } }))}
        />
      </fieldset>
      <fieldset className="instruction-co">
        <legend>{t('leader.instruction.co')}</legend>
        {draft.co.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is the row
          <div key={i} className="instruction-row">
            <select
              aria-label={`${t('leader.instruction.co')} ${i + 1}`}
              value={c.departmentId}
              onChange={(e) => setCo(i, { departmentId: e.target.value })}
            >
              <option value="">{t('leader.instruction.pick')}</option>
              {options(c.departmentId)}
            </select>
            <input
              type="date"
              aria-label={`${t('leader.instruction.co')} ${i + 1} ${t('leader.instruction.deadline')}`}
              min={today}
              value={c.deadline}
              onChange={(e) => setCo(i, { deadline: e.target.value })}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => setDraft((d) => ({ ...d, co: d.co.filter((_, j) => j !== i) }))}
            >
              {t('leader.instruction.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="link-button"
          disabled={draft.co.length >= 8}
          onClick={() => setDraft((d) => ({ ...d, co: [...d.co, { departmentId: '', deadline: d.lead.deadline }] }))}
        >
          ＋ {t('leader.instruction.addCo')}
        </button>
      </fieldset>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={sending}>
        {t(sending ? 'leader.instruction.sending' : 'leader.instruction.submit')}
      </button>
    </form>
  );
}
