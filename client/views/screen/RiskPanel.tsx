// The highest-risk grids (高风险网格): the top five by the risk model's score, each with the factor
// that adds most to it, the colour classes of the risk map as a legend, and the map's on/off switch.
import { FACTOR_TEXT, type RiskFactor } from '@domain/risk/factors';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { mainFactor, RISK_CLASSES, type RiskArea, riskClassOf } from '../../twin/risk/risk.model';

const SHOWN = 5;

export interface RiskPanelProps {
  /** Sorted highest first (GET /api/risk); null while loading. */
  areas: readonly RiskArea[] | null;
  error: string | null;
  mapShown: boolean;
  onToggleMap(): void;
}

export function RiskPanel({ areas, error, mapShown, onToggleMap }: RiskPanelProps) {
  const { t, n, lang } = useI18n();
  const factorName = (name: string) => t(`risk.factor.${name}` as MessageKey);
  return (
    <section className="screen-card risk-card">
      <h2>
        {t('risk.title')}
        <button type="button" className="risk-toggle" aria-pressed={mapShown} onClick={onToggleMap}>
          {t(mapShown ? 'risk.hide' : 'risk.show')}
        </button>
      </h2>
      <ol className="risk-legend" aria-label={t('risk.legend')} title={t('risk.legend')}>
        {RISK_CLASSES.map((c) => (
          <li key={c.min} style={{ background: c.color }}>
            {c.min}
          </li>
        ))}
      </ol>
      {error ? (
        <p className="card-note">{t('risk.unavailable', { message: error })}</p>
      ) : !areas ? (
        <p className="card-note">{t('risk.loading')}</p>
      ) : (
        <table className="ranking risk-ranking">
          <thead>
            <tr>
              <th />
              <th>{t('level.grid')}</th>
              <th>{t('risk.score')}</th>
              <th>{t('risk.main')}</th>
            </tr>
          </thead>
          <tbody>
            {areas.slice(0, SHOWN).map((a, i) => {
              const main = mainFactor(a);
              return (
                <tr key={a.areaId}>
                  <td className={`rank rank-${i + 1}`}>{i + 1}</td>
                  <td className="dept" title={a.name}>
                    {a.name}
                  </td>
                  <td>
                    <span className="risk-score" style={{ borderColor: riskClassOf(a.score).color }}>
                      {n(a.score, { maximumFractionDigits: 0 })}
                    </span>
                  </td>
                  <td className="risk-main" title={main ? FACTOR_TEXT[main.name as RiskFactor]?.[lang] : undefined}>
                    {main ? factorName(main.name) : t('risk.none')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
