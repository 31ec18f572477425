// The heat layer as a table (热力格): the month's busiest cells of the unit, and the total.
import type { HeatCell } from '../../api/analystApi';
import { useI18n } from '../../i18n';
import type { Resource } from '../../ui/useResource';
import { ResourceNote } from './Unavailable';

const SHOWN = 15;

export function HeatTable({ heat, month }: { heat: Resource<HeatCell[]>; month: string }) {
  const { t, n } = useI18n();
  const cells = heat.data ?? [];
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
                <th>{t('analyst.heat.cell')}</th>
                <th>{t('analyst.heat.count')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.length === 0 && (
                <tr>
                  <td colSpan={2}>{t('analyst.heat.empty')}</td>
                </tr>
              )}
              {cells.slice(0, SHOWN).map((c) => (
                <tr key={c.h3}>
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
