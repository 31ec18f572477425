// Trends and forecast (趋势与预测) of the unit: cases per month and category, the forecast with its
// interval, and the months flagged as anomalies. Either route may be missing on a server: the panel
// says so and the rest of the page goes on.
import { findCategory } from '@domain/taxonomy';
import { useMemo } from 'react';
import type { ForecastAnswer, TrendAnswer } from '../../api/analystApi';
import { useI18n } from '../../i18n';
import { EChart } from '../../ui/EChart';
import type { Resource } from '../../ui/useResource';
import { forecastChart, trendChart } from './analyst.model';
import { ResourceNote } from './Unavailable';

export function TrendPanel({ trend, forecast }: { trend: Resource<TrendAnswer>; forecast: Resource<ForecastAnswer> }) {
  const { t, n, lang } = useI18n();
  const trendOption = useMemo(
    () =>
      trend.data &&
      trendChart(trend.data, (code) => {
        const c = findCategory(code);
        return c ? (lang === 'zh' ? c.name : c.nameEn) : code;
      }),
    [trend.data, lang],
  );
  const forecastOption = useMemo(
    () =>
      forecast.data &&
      forecastChart(forecast.data, {
        history: t('analyst.forecast.history'),
        expected: t('analyst.forecast.expected'),
        band: t('analyst.forecast.band'),
      }),
    [forecast.data, t],
  );
  return (
    <section className="analyst-panel" aria-label={t('analyst.tab.trend')}>
      <h3>{t('analyst.trend.title')}</h3>
      <ResourceNote resource={trend} what={t('analyst.trendService')} />
      {trendOption && <EChart className="trend-chart" option={trendOption} label={t('analyst.trend.title')} />}
      <h3>{t('analyst.forecast.title', { method: forecast.data?.method ?? '' })}</h3>
      <ResourceNote resource={forecast} what={t('analyst.forecastService')} />
      {forecastOption && (
        <EChart className="trend-chart" option={forecastOption} label={t('analyst.forecast.title', { method: '' })} />
      )}
      {forecast.data && (
        <div className="anomalies">
          <h4>{t('analyst.forecast.anomalies')}</h4>
          {forecast.data.anomalies.length === 0 ? (
            <p>{t('analyst.forecast.noAnomalies')}</p>
          ) : (
            <ul>
              {forecast.data.anomalies.map((a) => (
                <li key={a.period}>
                  {t('analyst.forecast.anomaly', {
                    period: a.period,
                    count: n(a.count),
                    expected: n(a.expected, { maximumFractionDigits: 1 }),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
