// The risk ranking (风险排名): the top grids of the unit on the slider's day, each with its score, its
// main factor and every factor's contribution; then what each factor means, in the model's own words
// (server/domain/risk/factors.ts: the same text the OpenAPI document gives).

import { FACTOR_TEXT } from '@domain/risk/factors';
import { RISK_FACTORS, type RiskArea } from '../../api/analystApi';
import { useI18n } from '../../i18n';
import type { Resource } from '../../ui/useResource';
import { mainFactor } from './analyst.model';
import { ResourceNote } from './Unavailable';

export function RiskPanel({ risk }: { risk: Resource<RiskArea[]> }) {
  const { t, n, lang } = useI18n();
  return (
    <section className="analyst-panel" aria-label={t('analyst.tab.risk')}>
      <ResourceNote resource={risk} what={t('analyst.riskService')} />
      {risk.data && (
        <table className="analyst-table risk-table">
          <thead>
            <tr>
              <th>{t('analyst.risk.area')}</th>
              <th>{t('analyst.risk.score')}</th>
              <th>{t('analyst.risk.main')}</th>
              {RISK_FACTORS.map((f) => (
                <th key={f} title={FACTOR_TEXT[f][lang]}>
                  {t(`risk.factor.${f}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {risk.data.length === 0 && (
              <tr>
                <td colSpan={3 + RISK_FACTORS.length}>{t('analyst.risk.empty')}</td>
              </tr>
            )}
            {risk.data.map((a) => {
              const main = mainFactor(a);
              return (
                <tr key={a.areaId} data-area={a.areaId}>
                  <td>{a.name}</td>
                  <td className="num strong">{n(a.score, { maximumFractionDigits: 1 })}</td>
                  <td>{main ? t(`risk.factor.${main}`) : '—'}</td>
                  {RISK_FACTORS.map((f) => (
                    <td key={f} className="num">
                      {n(a.factors[f] ?? 0, { maximumFractionDigits: 1 })}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <FactorGuide />
    </section>
  );
}

/** Each factor explained in words: always shown, whether or not the model answered. */
function FactorGuide() {
  const { t, lang } = useI18n();
  return (
    <details className="factor-guide" open>
      <summary>{t('analyst.factors')}</summary>
      <dl>
        {RISK_FACTORS.map((f) => (
          <div key={f}>
            <dt>{t(`risk.factor.${f}`)}</dt>
            <dd>{FACTOR_TEXT[f][lang]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
