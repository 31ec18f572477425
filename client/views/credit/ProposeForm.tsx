// 新建: propose a record. A resident in scope (the residents search), an item of the catalogue with its
// points, caps and the evidence it needs shown, the date, the evidence. It then waits for a second person.
import { useMemo, useState } from 'react';
import type { CreditRecord, CreditRules, ResidentHit } from '../../api/creditApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { earliestDay } from './credit.model';
import { ResidentPicker } from './ResidentPicker';
import { refusalText } from './refusal';

const today = () => new Date().toISOString().slice(0, 10);

interface Props {
  api: TwinApi;
  rules: CreditRules;
  onProposed(record: CreditRecord): void;
}

export function ProposeForm({ api, rules, onProposed }: Props) {
  const { t, lang } = useI18n();
  const [resident, setResident] = useState<ResidentHit | null>(null);
  const [ruleCode, setRuleCode] = useState('');
  const [occurredOn, setOccurredOn] = useState(today);
  const [evidence, setEvidence] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const rule = useMemo(() => rules.items.find((r) => r.code === ruleCode), [rules, ruleCode]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!resident || !rule || !occurredOn || !evidence.trim()) return setProblem(t('credit.propose.missing'));
    setProblem(null);
    setSending(true);
    try {
      const record = await api.credit.propose({
        residentId: resident.id,
        ruleCode: rule.code,
        occurredOn,
        evidence: evidence.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setDone(t('credit.propose.done', { id: record.id }));
      setEvidence('');
      setNote('');
      onProposed(record);
    } catch (error) {
      setProblem(refusalText(t, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="work-card credit-propose" aria-label={t('credit.propose.title')}>
      <h2>{t('credit.propose.title')}</h2>
      <p className="form-hint">{t('credit.propose.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="credit-form">
        <div className="credit-field">
          {resident ? (
            <p className="credit-picked">
              {t('credit.propose.picked', { name: resident.name, grid: resident.gridName })}
              <button type="button" onClick={() => setResident(null)}>
                {t('credit.propose.change')}
              </button>
            </p>
          ) : (
            <ResidentPicker api={api} label={t('credit.propose.search')} onPick={setResident} />
          )}
        </div>
        <label className="credit-field">
          <span>{t('credit.propose.rule')}</span>
          <select value={ruleCode} onChange={(e) => setRuleCode(e.target.value)}>
            <option value="">{t('credit.propose.pickRule')}</option>
            {(['positive', 'negative'] as const).map((kind) => (
              <optgroup key={kind} label={t(`credit.kind.${kind}`)}>
                {rules.items
                  .filter((r) => r.kind === kind)
                  .map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.name[lang]} （{kind === 'negative' ? '−' : '+'}
                      {Math.abs(r.points)}）
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        {rule && (
          <div className={`credit-rule-facts credit-${rule.kind}`}>
            <p>{t('credit.propose.points', { points: rule.points, capMonth: rule.capMonth, capYear: rule.capYear })}</p>
            <p>{t('credit.propose.evidenceNeeded', { evidence: rule.evidence[lang] })}</p>
            {rule.kind === 'negative' && rule.fadeMonths !== undefined && (
              <p>{t('credit.propose.fades', { months: rule.fadeMonths })}</p>
            )}
          </div>
        )}
        <label className="credit-field">
          <span>{t('credit.propose.date')}</span>
          <input
            type="date"
            value={occurredOn}
            min={earliestDay(Date.now())}
            max={today()}
            onChange={(e) => setOccurredOn(e.target.value)}
          />
        </label>
        <label className="credit-field credit-wide">
          <span>{t('credit.propose.evidence')}</span>
          <textarea
            rows={3}
            value={evidence}
            placeholder={t('credit.propose.evidenceHint')}
            onChange={(e) => setEvidence(e.target.value)}
          />
        </label>
        <label className="credit-field credit-wide">
          <span>{t('credit.propose.note')}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {problem && (
          <p className="form-error credit-wide" role="alert">
            {problem}
          </p>
        )}
        {done && (
          <p className="form-ok credit-wide" role="status">
            {done}
          </p>
        )}
        <div className="form-buttons credit-wide">
          <button type="submit" className="primary" disabled={sending}>
            {sending ? t('credit.sending') : t('credit.propose.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
