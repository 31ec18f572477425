import type { AdminLevel } from '@domain/model';
import { type MessageKey, useI18n } from '../../i18n';
import type { LegendRow } from '../../twin/grids/grids.model';

export interface GridLegendProps {
  rows: LegendRow[];
  hidden: ReadonlySet<AdminLevel>;
  onToggle(level: AdminLevel): void;
}

const levelText: Record<AdminLevel, MessageKey> = {
  city: 'level.city',
  subdistrict: 'level.subdistrict',
  town: 'level.town',
  community: 'level.community',
  village: 'level.village',
  grid: 'level.grid',
};

/** The grid levels with their line styles and counts; a row click shows or hides the level. */
export function GridLegend({ rows, hidden, onToggle }: GridLegendProps) {
  const { t, n } = useI18n();
  if (rows.length === 0) return null;
  return (
    <aside className="grid-legend" aria-label={t('legend.title')}>
      <h2>{t('legend.title')}</h2>
      <ul>
        {rows.map(({ style, count }) => (
          <li key={style.level}>
            <button type="button" aria-pressed={!hidden.has(style.level)} onClick={() => onToggle(style.level)}>
              <span
                className="swatch"
                style={{
                  borderTopColor: style.color,
                  borderTopWidth: `${style.widthPx / 8}rem`,
                  opacity: Math.max(style.alpha, 0.6),
                }}
              />
              <span className="legend-label">{t(levelText[style.level])}</span>
              <span className="legend-count">{n(count)}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
