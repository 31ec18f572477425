// 批量派遣: the ticked filed cases, each to its item's department (or all to one chosen), one after
// another; each case's outcome is listed, a refusal with the server's message.
import { DEPARTMENTS } from '@domain/departments';
import { useState } from 'react';
import type { CaseRow } from '../../api/casesApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { holderName } from '../../ui/caseFormat';
import { bulkDispatchPlan } from './actionForm.model';

interface Outcome {
  code: string;
  ok: boolean;
  text: string;
}

export function BulkDispatchBar({
  api,
  cases,
  onDone,
  onClear,
}: {
  api: TwinApi;
  cases: readonly CaseRow[];
  onDone(): void;
  onClear(): void;
}) {
  const { t, lang } = useI18n();
  const [to, setTo] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const name = (id: string) => holderName(id, new Map(), lang, t('desk.holderCentre'));
  if (cases.length === 0 && outcomes.length === 0 && !progress) return null;

  async function run() {
    const plan = bulkDispatchPlan(cases, to);
    const results: Outcome[] = [];
    setOutcomes([]);
    for (const [i, step] of plan.entries()) {
      setProgress({ done: i, total: plan.length });
      if (!step.lead) {
        results.push({ code: step.code, ok: false, text: t('desk.bulk.failed', { code: step.code, message: '—' }) });
        continue;
      }
      try {
        await api.cases.act(step.id, { action: 'dispatch', lead: { assignee: step.lead } });
        results.push({
          code: step.code,
          ok: true,
          text: t('desk.bulk.ok', { code: step.code, name: name(step.lead) }),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        results.push({ code: step.code, ok: false, text: t('desk.bulk.failed', { code: step.code, message }) });
      }
    }
    setProgress(null);
    setOutcomes(results);
    onClear();
    onDone();
  }

  return (
    <section className="bulk-bar" aria-label={t('desk.bulk.title')}>
      <strong>{t('desk.bulk.title')}</strong>
      <span>{t('desk.bulk.selected', { count: cases.length })}</span>
      <label>
        {t('desk.bulk.to')}
        <select value={to} onChange={(e) => setTo(e.target.value)} disabled={!!progress}>
          <option value="">{t('desk.bulk.byItem')}</option>
          {DEPARTMENTS.map((d) => (
            <option key={d.id} value={d.id}>
              {lang === 'zh' ? d.name : d.nameEn}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" disabled={!!progress || cases.length === 0} onClick={() => void run()}>
        {progress ? t('desk.bulk.running', progress) : t('desk.bulk.run')}
      </button>
      <button
        type="button"
        disabled={!!progress}
        onClick={() => {
          setOutcomes([]);
          onClear();
        }}
      >
        {t('desk.bulk.clear')}
      </button>
      {outcomes.length > 0 && (
        <ul className="bulk-outcomes" aria-live="polite">
          {outcomes.map((o) => (
            <li key={o.code} className={o.ok ? 'ok' : 'failed'}>
              {o.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
