// The departments' ranking (部门排名): the top seven by closure rate, with overdue rate and hours (seven
// fit beside the trend and the highest-risk grids at any screen size: the page scales by rem).
import type { DepartmentRank } from '../../api/twinApi';
import { useI18n } from '../../i18n';

const SHOWN = 7;

export function RankingPanel({ departments }: { departments: DepartmentRank[] | null }) {
  const { t, n, lang } = useI18n();
  const pct = (v: number) => n(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section className="screen-card ranking-card">
      <h2>{t('screen.ranking')}</h2>
      <table className="ranking">
        <thead>
          <tr>
            <th />
            <th>{t('screen.rank.dept')}</th>
            <th>{t('screen.rank.closure')}</th>
            <th>{t('screen.rank.overdue')}</th>
            <th>{t('screen.rank.hours')}</th>
          </tr>
        </thead>
        <tbody>
          {(departments ?? []).slice(0, SHOWN).map((d) => (
            <tr key={d.id}>
              <td className={`rank rank-${d.rank}`}>{d.rank}</td>
              <td className="dept">{lang === 'zh' ? d.name.replace(/^市/, '') : d.nameEn}</td>
              <td>{pct(d.closureRate)}</td>
              <td className={d.overdueRate > 0.05 ? 'bad' : ''}>{pct(d.overdueRate)}</td>
              <td>
                {d.avgHandlingHours === null
                  ? '—'
                  : t('screen.hours', { hours: n(d.avgHandlingHours, { maximumFractionDigits: 0 }) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
