// The six elements of a unit (六要素: 人、地、事、物、情、组织) as tabs of tables and charts, from
// GET /api/grids/{id}, and the unit's credit activity in aggregate below them. Each element is shown generically: its figures in a table, each count map
// (by use, by state, by kind, and whatever the summary adds) as a table with a bar chart.
import { useState } from 'react';
import type { UnitSummary } from '../../api/twinApi';
import { isMessageKey, useI18n } from '../../i18n';
import { EChart } from '../../ui/EChart';
import { CreditAggregate } from '../credit/CreditAggregate';
import { countChart, elementRows, SIX_ELEMENTS, type SixElement } from './analyst.model';

export function SixElements({ summary }: { summary: UnitSummary }) {
  const { t, n } = useI18n();
  const [element, setElement] = useState<SixElement>('people');
  const label = (key: string) => {
    for (const k of [`analyst.f.${key}`, `analyst.org.${key}`, `use.${key}`, `state.${key}`, `level.${key}`])
      if (isMessageKey(k)) return t(k);
    return key;
  };
  const rows = elementRows((summary as unknown as Record<string, unknown>)[element]);
  const figures = rows.filter((r) => 'value' in r);
  const maps = rows.filter((r) => 'counts' in r);
  return (
    <section className="analyst-panel" aria-label={t('analyst.tab.six')}>
      <div className="tabs sub-tabs" role="tablist">
        {SIX_ELEMENTS.map((e) => (
          <button key={e} type="button" role="tab" aria-selected={element === e} onClick={() => setElement(e)}>
            {t(`analyst.six.${e}`)}
          </button>
        ))}
      </div>
      <table className="analyst-table six-table" data-element={element}>
        <thead>
          <tr>
            <th>{t('analyst.six.item')}</th>
            <th>{t('analyst.six.value')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((r) => (
            <tr key={r.key}>
              <td>{label(r.key)}</td>
              <td className="num">{'value' in r ? n(r.value) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {maps.map(
        (r) =>
          'counts' in r && (
            <div key={r.key} className="count-map">
              <h3>{label(r.key)}</h3>
              <EChart
                className="count-chart"
                option={countChart(r.counts, label)}
                label={`${t(`analyst.six.${element}`)} · ${label(r.key)}`}
              />
            </div>
          ),
      )}
      <CreditAggregate credit={summary.credit} />
    </section>
  );
}
