// The heat layer as a table (热力格): the month's busiest cells of the unit, and the total.
import { useMemo } from 'react';
import type { HeatCell } from '../../api/analystApi';
import { useI18n } from '../../i18n';
import type { Resource } from '../../ui/useResource';
import { cellGridNames, type NamedArea } from './analyst.model';
import { ResourceNote } from './Unavailable';

const SHOWN = 15;

interface Props {
  heat: Resource<HeatCell[]>;
  month: string;
  /** The grids cells may lie in (the unit's own, or every grid below it). */
  grids: readonly NamedArea[];
}

export function HeatTable({ heat, month, grids }: Props) {
  const { t, n } = useI18n();
  const cells = heat.data ?? [];
  const shown = cells.slice(0, SHOWN);
  const ids = shown.map((c) => c.h3).join(',');
  // keyed by the shown cells' ids: the names follow the cells, not each render's new array
  const places = useMemo(() => cellGridNames(ids ? ids.split(',') : [], grids), [ids, grids]);
  const total = cells.reduce((s, c) => s + c.count, 0);
  return (
    <section className="analyst-panel" aria-label={t('analyst.tab.heat')}>
      <ResourceNote resource={heat} what={t('analyst.layer.heat')} />
      {heat.data && (
        <>
          <p className="analyst-total" data-month={month} data-total={total}>
            {t('analyst.monthCases', { month, count: n(total) })} ·{' '}
            {t('analyst.heat.total', { count: n(total), cells: n(cells.length) })}
          </p>
          <table className="analyst-table heat-table" data-month={month}>
            <thead>
              <tr>
                <th>{t('analyst.heat.grid')}</th>
                <th>{t('analyst.heat.cell')}</th>
                <th>{t('analyst.heat.count')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.length === 0 && (
                <tr>
                  <td colSpan={3}>{t('analyst.heat.empty')}</td>
                </tr>
              )}
              {shown.map((c) => (
                <tr key={c.h3}>
                  <td>{places.get(c.h3) ?? t('analyst.heat.outside')}</td>
                  <td className="mono">{c.h3}</td>
                  <td className="num">{n(c.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
