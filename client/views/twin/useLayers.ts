// The layer panel's state (see layerState.ts): layers shown, component categories hidden (and the
// filter they make), and what each layer has drawn.
import { useCallback, useMemo, useState } from 'react';
import { componentCategoryCounts } from '../../twin/components/components.model';
import { categoryFilter, categoryIndex, type TwinLayer, toggled, twinLayers } from './layerState';
import type { TwinData } from './useTwinData';

export function useLayers(components: TwinData['components']) {
  const [shown, setShown] = useState<ReadonlySet<TwinLayer>>(() => new Set(twinLayers));
  const [hiddenCategories, setHiddenCategories] = useState<ReadonlySet<string>>(() => new Set());
  const [drawn, setDrawn] = useState<Partial<Record<TwinLayer, number>>>({});

  const index = useMemo(() => categoryIndex(components), [components]);
  const filter = useMemo(() => categoryFilter(index, hiddenCategories), [index, hiddenCategories]);
  const categories = useMemo(() => (components ? componentCategoryCounts(components) : []), [components]);

  const onToggle = useCallback((layer: TwinLayer) => setShown((s) => toggled(s, layer)), []);
  const onToggleCategory = useCallback((code: string) => setHiddenCategories((h) => toggled(h, code)), []);
  const markDrawn = useCallback(
    (layer: TwinLayer) => (count: number) => setDrawn((d) => ({ ...d, [layer]: count })),
    [],
  );
  // Named as LayerPanel's props, so the panel takes them as they are.
  return { shown, onToggle, hiddenCategories, onToggleCategory, categories, filter, drawn, markDrawn };
}

export type Layers = ReturnType<typeof useLayers>;
