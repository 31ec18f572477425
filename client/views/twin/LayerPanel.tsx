// The layer panel (图层): each layer on or off, and the components filtered by category.

import { COMPONENT_CATEGORIES } from '@domain/componentCatalog';
import { type MessageKey, useI18n } from '../../i18n';
import { componentCategoryColors, componentStateMarks } from '../../twin/components/components.model';
import { overdueOutline, urgencyColors } from '../../twin/events/events.model';
import { type SensorStatus, sensorStatusColors } from '../../twin/sensors/sensors.model';

export type TwinLayer = 'grids' | 'components' | 'cameras' | 'patrol-points' | 'sensors' | 'events';
export const twinLayers: readonly TwinLayer[] = [
  'grids',
  'components',
  'cameras',
  'patrol-points',
  'sensors',
  'events',
];

const layerText: Record<TwinLayer, MessageKey> = {
  grids: 'layer.grids',
  components: 'layer.components',
  cameras: 'layer.cameras',
  'patrol-points': 'layer.patrolPoints',
  sensors: 'layer.sensors',
  events: 'layer.events',
};
const layerColor: Record<TwinLayer, string> = {
  grids: '#38c9ff',
  components: '#c39bff',
  cameras: '#4da3ff',
  'patrol-points': '#f5f7ff',
  sensors: '#3ee08a',
  events: '#ff3b3b',
};

export interface LayerPanelProps {
  shown: ReadonlySet<TwinLayer>;
  counts: Partial<Record<TwinLayer, number>>;
  onToggle(layer: TwinLayer): void;
  categories: { code: string; name: string; count: number }[];
  hiddenCategories: ReadonlySet<string>;
  onToggleCategory(code: string): void;
}

export function LayerPanel({
  shown,
  counts,
  onToggle,
  categories,
  hiddenCategories,
  onToggleCategory,
}: LayerPanelProps) {
  const { t, n, lang } = useI18n();
  const categoryName = (c: { code: string; name: string }) =>
    lang === 'en' ? (COMPONENT_CATEGORIES.find((x) => x.code === c.code)?.nameEn ?? c.name) : c.name;
  return (
    <aside className="layer-panel twin-card" aria-label={t('layer.title')}>
      <h2>{t('layer.title')}</h2>
      <ul>
        {twinLayers.map((layer) => (
          <li key={layer}>
            <button
              type="button"
              className="layer-toggle"
              data-layer={layer}
              aria-pressed={shown.has(layer)}
              onClick={() => onToggle(layer)}
            >
              <span className="swatch-dot" style={{ background: layerColor[layer] }} />
              <span className="legend-label">{t(layerText[layer])}</span>
              <span className="legend-count">{counts[layer] === undefined ? '…' : n(counts[layer]!)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="layer-legend">
        {shown.has('events') &&
          ([3, 2, 1] as const).map((u) => <Key key={`u${u}`} color={urgencyColors[u]} text={t(`urgency.${u}`)} />)}
        {shown.has('events') && <Key ring={overdueOutline.color} text={t('info.overdue')} />}
        {shown.has('events') && (
          <span className="legend-key">
            <span className="legend-cluster" style={{ boxShadow: `inset 0 0 0 0.14rem ${overdueOutline.color}` }}>
              n
            </span>
            {t('layer.eventCluster')}
          </span>
        )}
        {shown.has('sensors') &&
          (['alarm', 'warning', 'normal', 'offline'] as SensorStatus[]).map((st) => (
            <Key key={st} color={sensorStatusColors[st]} text={t(`sensorStatus.${st}`)} />
          ))}
        {shown.has('components') &&
          (['damaged', 'missing', 'occupied'] as const).map((st) => (
            <Key key={st} ring={componentStateMarks[st].outline!.color} text={t(`state.${st}`)} />
          ))}
      </div>
      {shown.has('components') && categories.length > 0 && (
        <div className="category-filter" role="group" aria-label={t('layer.categoryFilter')}>
          {categories.map((c) => (
            <button
              key={c.code}
              type="button"
              className="category-chip"
              aria-pressed={!hiddenCategories.has(c.code)}
              title={`${categoryName(c)} · ${n(c.count)}`}
              onClick={() => onToggleCategory(c.code)}
            >
              <span className="swatch-dot" style={{ background: componentCategoryColors[c.code] ?? '#a8b8d0' }} />
              {categoryName(c)}
            </button>
          ))}
        </div>
      )}
    </aside>
  );
}

/** One legend key: a filled dot (a colour) or a ring (a state marker). */
function Key({ color, ring, text }: { color?: string; ring?: string; text: string }) {
  return (
    <span className="legend-key">
      <span
        className="swatch-dot"
        style={color ? { background: color } : { boxShadow: `inset 0 0 0 0.18rem ${ring}` }}
      />
      {text}
    </span>
  );
}
