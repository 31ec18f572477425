// A list of records as a table: who, what, how many points, when, who proposed and confirmed, the state
// (or the publication's days left), and the row's steps. The queues differ only in which records and steps.
import type { ReactNode } from 'react';
import type { CreditRecord } from '../../api/creditApi';
import { useI18n } from '../../i18n';
import { cityDateTime, daysLeft } from './credit.model';
import { PersonCell, PointsCell, ResidentCell, RuleCell, StateChip } from './RecordCells';

interface Props {
  records: readonly CreditRecord[];
  /** The publication's end and days left instead of the proposer (the 公示 list). */
  window?: boolean;
  onArchive(residentId: string): void;
  actions(record: CreditRecord): ReactNode;
  /** A line under a row (an appeal's grounds). */
  note?(record: CreditRecord): ReactNode;
}

export function RecordTable({ records, window = false, onArchive, actions, note }: Props) {
  const { t } = useI18n();
  const now = Date.now();
  if (records.length === 0) return <p className="credit-empty">{t('credit.empty')}</p>;
  return (
    <table className="credit-table">
      <thead>
        <tr>
          <th>{t('credit.col.resident')}</th>
          <th>{t('credit.col.rule')}</th>
          <th className="num">{t('credit.col.points')}</th>
          <th>{t('credit.col.occurredOn')}</th>
          <th>{t('credit.col.proposer')}</th>
          <th>{window ? t('credit.col.publicUntil') : t('credit.col.confirmer')}</th>
          <th>{t('credit.col.state')}</th>
          <th>{t('credit.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => {
          const left = daysLeft(r.publicUntil, now);
          return (
            <tr key={r.id} data-record={r.id}>
              <ResidentCell record={r} onArchive={onArchive} />
              <RuleCell record={r} />
              <PointsCell record={r} />
              <td className="nowrap">{r.occurredOn}</td>
              <PersonCell person={r.proposedBy} />
              {window ? (
                <td className="nowrap">
                  {r.publicUntil ? cityDateTime(r.publicUntil) : '—'}
                  {left !== null && (
                    <div className="credit-sub credit-days-left">
                      {left > 0 ? t('credit.daysLeft', { days: left }) : t('credit.windowOver')}
                    </div>
                  )}
                </td>
              ) : (
                <PersonCell person={r.confirmedBy} />
              )}
              <td>
                <StateChip state={r.state} />
                {note?.(r)}
              </td>
              <td className="credit-actions">{actions(r)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
