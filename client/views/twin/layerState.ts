// The twin's layers as the user has set them (pure): which are shown, which component categories are
// filtered out, what each has drawn, and when the twin counts as drawn. The useLayers hook holds it.
import type { AdminLevel } from '@domain/model';
import type { PointSpec } from '../../twin/points/points.model';

export type TwinLayer = 'grids' | 'components' | 'cameras' | 'patrol-points' | 'sensors' | 'events';
export const twinLayers: readonly TwinLayer[] = [
  'grids',
  'components',
  'cameras',
  'patrol-points',
  'sensors',
  'events',
];
const pointLayers: readonly TwinLayer[] = ['components', 'cameras', 'patrol-points', 'sensors', 'events'];
const allLevels: ReadonlySet<AdminLevel> = new Set(['city', 'subdistrict', 'town', 'community', 'village', 'grid']);

/** `set` with `item` added, or removed when it was there. */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

/** The grid levels to hide: all of them while the grids layer is off. */
export const hiddenLevels = (shown: ReadonlySet<TwinLayer>): ReadonlySet<AdminLevel> | undefined =>
  shown.has('grids') ? undefined : allLevels;

/** Component id → category code (built once per components list: the filter asks once per component). */
export function categoryIndex(
  components: readonly { properties: { id: string; categoryCode: string } }[] | null,
): ReadonlyMap<string, string> {
  return new Map((components ?? []).map((c) => [c.properties.id, c.properties.categoryCode]));
}

/** Which component points stay drawn, or null when no category is hidden (all do). */
export function categoryFilter(
  index: ReadonlyMap<string, string>,
  hidden: ReadonlySet<string>,
): ((spec: PointSpec) => boolean) | null {
  return hidden.size === 0 ? null : (spec) => !hidden.has(index.get(spec.pick.id) ?? '');
}

/** What each layer holds, for the layer panel; undefined while it loads. */
export function layerCounts(data: {
  drawing: { featureCount: number } | null;
  components: readonly unknown[] | null;
  cameras: readonly unknown[] | null;
  patrol: readonly unknown[] | null;
  sensors: readonly unknown[] | null;
  openEvents: readonly unknown[] | null;
}): Partial<Record<TwinLayer, number>> {
  return {
    grids: data.drawing?.featureCount,
    components: data.components?.length,
    cameras: data.cameras?.length,
    'patrol-points': data.patrol?.length,
    sensors: data.sensors?.length,
    events: data.openEvents?.length,
  };
}

/** The grid features drawn, once every point layer has drawn too (for the readiness signal), else null. */
export function drawnFeatures(drawn: Partial<Record<TwinLayer, number>>): number | null {
  return pointLayers.every((l) => drawn[l] !== undefined) ? (drawn.grids ?? null) : null;
}
