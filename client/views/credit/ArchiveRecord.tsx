// One record in a resident's archive: the item, points and state, the evidence, and every step with
// who took it, when and why; a record in effect may be appealed (once), and a counting negative record
// offers its rule's repair (信用修复).
import { ROLE_NAMES, type Role } from '@domain/access';
import type { CreditRecord, CreditRule } from '../../api/creditApi';
import type { TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import { cityDateTime, mayAppeal, mayReview, repairPaths } from './credit.model';
import { StateChip } from './RecordCells';
import { StepForm } from './StepForm';

interface Props {
  api: TwinApi;
  record: CreditRecord;
  rule: CreditRule | undefined;
  onChanged(): void;
}

export function ArchiveRecord({ api, record: r, rule, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const reviewer = mayReview(user.role);
  const paths = reviewer ? repairPaths(r, rule) : [];
  // an appeal is taken in the window or after it (then only from here: the 公示 list holds the window)
  const appeal = reviewer && mayAppeal(r) && !r.appealOutcome;
  return (
    <li className={`credit-archive-record credit-${r.kind}`} data-record={r.id} data-state={r.state}>
      <div className="credit-archive-head">
        <span className={`credit-points credit-${r.kind}`}>
          {r.kind === 'negative' ? '−' : '+'}
          {Math.abs(r.points)}
        </span>
        <strong>{r.ruleName[lang]}</strong>
        <span className="credit-sub">
          {r.occurredOn} · {r.gridName} · v{r.ruleVersion}
        </span>
        <StateChip state={r.state} />
        <span className={`credit-counts ${r.counts ? 'is-counting' : ''}`}>
          {r.counts ? t('credit.counts') : t('credit.notCounting')}
        </span>
      </div>
      <p className="credit-archive-evidence">
        {t('credit.col.evidence')}：{r.evidence}
        {r.note ? ` · ${r.note}` : ''}
      </p>
      <ol className="credit-steps" aria-label={t('credit.archive.steps')}>
        {r.steps.map((s) => (
          <li key={s.seq} data-action={s.action}>
            <span className="credit-step-at">{cityDateTime(s.at)}</span>
            <span className="credit-step-action">{t(`credit.step.${s.action}` as MessageKey)}</span>
            <span className="credit-step-who">
              {s.actorName ?? t('credit.step.system')}
              {s.role && s.role !== 'system' ? `（${ROLE_NAMES[s.role as Role]?.[lang] ?? s.role}）` : ''}
            </span>
            <span className="credit-step-why">
              {s.detail?.outcome && `${t(`credit.step.outcome.${s.detail.outcome}`)}：`}
              {s.detail?.path && `${t(`credit.step.path.${s.detail.path}`)}：`}
              {s.reason}
              {s.detail?.statement && (
                <span className="credit-step-statement">
                  {t('credit.step.statement', { text: s.detail.statement })}
                </span>
              )}
            </span>
          </li>
        ))}
      </ol>
      {(paths.length > 0 || appeal) && (
        <div className="credit-archive-actions no-print">
          {appeal && (
            <StepForm api={api} record={r} action="appeal" label="credit.appeal" asks="appeal" onDone={onChanged} />
          )}
          {paths.length > 0 && (
            <StepForm
              api={api}
              record={r}
              action="repair"
              label="credit.repair"
              asks="path"
              paths={paths}
              onDone={onChanged}
            />
          )}
        </div>
      )}
    </li>
  );
}
