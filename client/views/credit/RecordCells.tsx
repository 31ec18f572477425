// The cells every list of records shares: the resident (with a link to their archive), the item with
// its kind and points, the state chip, and who proposed or confirmed it.
import type { CreditRecord } from '../../api/creditApi';
import { type MessageKey, useI18n } from '../../i18n';
import { stateTone } from './credit.model';

export function ResidentCell({ record, onArchive }: { record: CreditRecord; onArchive(residentId: string): void }) {
  const { t } = useI18n();
  return (
    <td>
      <span className="credit-resident">{record.residentName}</span>
      <button type="button" className="link-like" onClick={() => onArchive(record.residentId)}>
        {t('credit.openArchive')}
      </button>
      <div className="credit-sub">{record.gridName}</div>
    </td>
  );
}

export function RuleCell({ record }: { record: CreditRecord }) {
  const { lang } = useI18n();
  return (
    <td>
      {record.ruleName[lang]}
      <div className="credit-sub credit-evidence">{record.evidence}</div>
    </td>
  );
}

export function PointsCell({ record }: { record: CreditRecord }) {
  const { t } = useI18n();
  const sign = record.kind === 'negative' ? '−' : '+';
  return (
    <td className={`num credit-points credit-${record.kind}`} title={t(`credit.kind.${record.kind}`)}>
      {sign}
      {Math.abs(record.points)}
    </td>
  );
}

export function StateChip({ state }: { state: CreditRecord['state'] }) {
  const { t } = useI18n();
  return (
    <span className={`chip credit-state credit-tone-${stateTone(state)}`} data-state={state}>
      {t(`credit.state.${state}` as MessageKey)}
    </span>
  );
}

export function PersonCell({ person }: { person: { name: string; role: string } | null }) {
  return <td className="nowrap">{person ? person.name : '—'}</td>;
}
