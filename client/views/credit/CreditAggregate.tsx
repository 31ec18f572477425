// A unit's credit activity in aggregate (GET /api/grids/{id} `credit`), for the twin's unit card and
// the analyst's drill-down: records, residents, points each way, open appeals, publications running,
// and the last 12 months as small bars. No resident is named: it is what the kiosk may see too.
import { useMemo } from 'react';
import type { CreditAggregateFigures } from '../../api/creditApi';
import { useI18n } from '../../i18n';
import { EChart } from '../../ui/EChart';
import { InfoRow } from '../../ui/InfoRow';
import { monthBarsOption } from './credit.model';
import './creditAggregate.css';

export function CreditAggregate({ credit }: { credit: CreditAggregateFigures | undefined | null }) {
  const { t, n } = useI18n();
  const option = useMemo(
    () =>
      monthBarsOption(credit?.byMonth ?? [], {
        positive: t('credit.agg.positive'),
        negative: t('credit.agg.negative'),
      }),
    [credit, t],
  );
  if (!credit) return null;
  return (
    <section className="credit-aggregate" aria-label={t('credit.agg.title')}>
      <h3>{t('credit.agg.title')}</h3>
      <dl>
        <InfoRow label={t('credit.agg.records')}>{n(credit.records)}</InfoRow>
        <InfoRow label={t('credit.agg.residents')}>{n(credit.residents)}</InfoRow>
        <InfoRow label={t('credit.agg.points')}>
          {t('credit.agg.pointsValue', {
            positive: n(credit.positivePoints),
            negative: n(Math.abs(credit.negativePoints)),
          })}
        </InfoRow>
        <InfoRow label={t('credit.agg.appealsOpen')}>{n(credit.appealsOpen)}</InfoRow>
        <InfoRow label={t('credit.agg.publishing')}>{n(credit.publishing)}</InfoRow>
      </dl>
      {credit.byMonth.length > 0 && (
        <figure className="credit-months-figure">
          <EChart className="credit-months" option={option} label={t('credit.agg.chart')} />
          <figcaption>{t('credit.agg.chart')}</figcaption>
        </figure>
      )}
    </section>
  );
}
