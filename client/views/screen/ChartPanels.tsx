// The big screen's two charts: events per day, and events by category.
import { useMemo } from 'react';
import type { CategoryCount, DailyCount } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { EChart } from '../../ui/EChart';
import { categoryOption, dailyOption } from './charts.model';

export function DailyPanel({ days, remPx, note }: { days: DailyCount[] | null; remPx: number; note: string | null }) {
  const { t } = useI18n();
  const option = useMemo(
    () =>
      days ? dailyOption(days, remPx, { reported: t('screen.dailyReported'), closed: t('screen.dailyClosed') }) : null,
    [days, remPx, t],
  );
  return (
    <section className="screen-card chart-card">
      <h2>
        {t('screen.daily')}
        {note && <small className="card-note">{note}</small>}
      </h2>
      {option && <EChart className="chart" option={option} label={t('screen.daily')} />}
    </section>
  );
}

export function CategoryPanel({ categories, remPx }: { categories: CategoryCount[] | null; remPx: number }) {
  const { t, lang } = useI18n();
  const option = useMemo(
    () => (categories ? categoryOption(categories, remPx, lang) : null),
    [categories, remPx, lang],
  );
  return (
    <section className="screen-card chart-card">
      <h2>{t('screen.byCategory')}</h2>
      {option && <EChart className="chart" option={option} label={t('screen.byCategory')} />}
    </section>
  );
}
