// One step of a record's life as a button: taken at once (confirm, publish), or opening a small form for
// what the step needs (a reason; an appeal's statement; a decision's outcome; a repair's path). A step
// the user may not take is disabled with the reason beside it. A refusal is shown in words to act on.
import { useState } from 'react';
import type { CreditAction, CreditRecord } from '../../api/creditApi';
import type { TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { refusalText } from './refusal';
import { stepBody } from './stepBody';

type Action = CreditAction['action'];

interface Props {
  api: TwinApi;
  record: CreditRecord;
  action: Action;
  label: MessageKey;
  /** Why the user may not take the step (the button is disabled and says so); null: they may. */
  blocked?: MessageKey | null;
  /** What the form asks besides nothing: a reason, an appeal (statement + reason), an outcome, a path. */
  asks?: 'nothing' | 'reason' | 'appeal' | 'outcome' | 'path';
  paths?: ReadonlyArray<'time' | 'positive'>;
  primary?: boolean;
  onDone(next: CreditRecord): void;
}

export function StepForm({
  api,
  record,
  action,
  label,
  blocked,
  asks = 'nothing',
  paths = [],
  primary,
  onDone,
}: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [statement, setStatement] = useState('');
  const [outcome, setOutcome] = useState<'upheld' | 'dismissed'>('dismissed');
  const [path, setPath] = useState<'time' | 'positive'>(paths[0] ?? 'time');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send() {
    if (asks !== 'nothing' && !reason.trim()) return setProblem(t('credit.reasonNeeded'));
    if (asks === 'appeal' && !statement.trim()) return setProblem(t('credit.appeal.needed'));
    setProblem(null);
    setSending(true);
    try {
      const next = await api.credit.act(record.id, stepBody(action, { reason, statement, outcome, path }));
      setOpen(false);
      onDone(next);
    } catch (error) {
      setProblem(refusalText(t, error));
    } finally {
      setSending(false);
    }
  }

  if (blocked)
    return (
      <span className="credit-step credit-blocked">
        <button type="button" disabled aria-describedby={`why-${action}-${record.id}`}>
          {t(label)}
        </button>
        <span id={`why-${action}-${record.id}`} className="credit-why">
          {t(blocked)}
        </span>
      </span>
    );
  if (asks === 'nothing' || !open)
    return (
      <span className="credit-step">
        <button
          type="button"
          className={primary ? 'primary' : undefined}
          disabled={sending}
          onClick={() => (asks === 'nothing' ? void send() : setOpen(true))}
        >
          {sending ? t('credit.sending') : t(label)}
        </button>
        {problem && (
          <span className="form-error credit-refusal" role="alert">
            {problem}
          </span>
        )}
      </span>
    );
  return (
    <form
      className="credit-step-form"
      aria-label={t(label)}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      noValidate
    >
      {asks === 'appeal' && (
        <label>
          <span>{t('credit.appeal.statement')}</span>
          <textarea
            rows={2}
            value={statement}
            placeholder={t('credit.appeal.statementHint')}
            onChange={(e) => setStatement(e.target.value)}
          />
        </label>
      )}
      {asks === 'outcome' && (
        <fieldset className="credit-choice">
          <legend>{t('credit.decide.outcome')}</legend>
          {(['dismissed', 'upheld'] as const).map((o) => (
            <label key={o}>
              <input
                type="radio"
                name={`outcome-${record.id}`}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
              {t(`credit.decide.${o}`)}
            </label>
          ))}
        </fieldset>
      )}
      {asks === 'path' && (
        <fieldset className="credit-choice">
          <legend>{t('credit.repair')}</legend>
          {paths.map((p) => (
            <label key={p}>
              <input type="radio" name={`path-${record.id}`} checked={path === p} onChange={() => setPath(p)} />
              {t(`credit.repair.${p}`)}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        <span>{asks === 'appeal' ? t('credit.appeal.reason') : t('credit.reason')}</span>
        <textarea
          rows={2}
          value={reason}
          placeholder={t('credit.reasonHint')}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={sending}>
          {sending ? t('credit.sending') : t('credit.send')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('credit.cancel')}
        </button>
      </div>
    </form>
  );
}
