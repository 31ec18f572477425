// The layer panel (图层): each layer on or off, and the components filtered by category.

import { COMPONENT_CATEGORIES } from '@domain/componentCatalog';
import { type MessageKey, useI18n } from '../../i18n';
import { componentCategoryColors } from '../../twin/components/components.model';
import { LayerLegend } from './LayerLegend';
import { type TwinLayer, twinLayers } from './layerState';
import './layerPanel.css';

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
      <LayerLegend shown={shown} />
      {shown.has('components') && categories.length > 0 && (
        <fieldset className="category-filter" aria-label={t('layer.categoryFilter')}>
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
        </fieldset>
      )}
    </aside>
  );
}
