// City components (城市部件) → points: the colour says the category (GB/T 30428's six), a ring says a
// state that needs attention (damaged, missing, occupied). Pure; the layer is the shared point layer.
import type { ComponentState } from '@domain/model';
import type { ComponentFeature } from '../../api/twinApi';
import { declutterDistances, type PointSpec, pointPosition } from '../points/points.model';

/** Category code → colour. */
export const componentCategoryColors: Readonly<Record<string, string>> = {
  '01': '#38c9ff', // 公用设施
  '02': '#ffc857', // 道路交通设施
  '03': '#c39bff', // 市容环境设施
  '04': '#4ee38f', // 园林绿化设施
  '05': '#ff9f6b', // 房屋土地
  '06': '#a8b8d0', // 其他设施
};
const fallbackColor = '#a8b8d0';

/** State → ring (none for normal). Attention states are also drawn larger and win decluttering. */
export const componentStateMarks: Readonly<
  Record<ComponentState, { outline: PointSpec['outline']; sizePx: number; priority: number }>
> = {
  normal: { outline: null, sizePx: 5, priority: 0 },
  damaged: { outline: { color: '#ff3b3b', widthPx: 2.5 }, sizePx: 8, priority: 3 },
  missing: { outline: { color: '#ffffff', widthPx: 2.5 }, sizePx: 8, priority: 3 },
  occupied: { outline: { color: '#ff9f1c', widthPx: 2.5 }, sizePx: 7, priority: 2 },
};

export function componentSpecs(features: readonly ComponentFeature[]): PointSpec[] {
  const usable = features.flatMap((f) => {
    const position = pointPosition(f.geometry);
    return position ? [{ f, position }] : [];
  });
  const marks = usable.map(({ f }) => componentStateMarks[f.properties.state] ?? componentStateMarks.normal);
  const distances = declutterDistances(
    usable.map((u) => u.position),
    marks.map((m) => m.priority),
  );
  return usable.map(({ f, position }, i) => ({
    pick: { kind: 'component', id: f.properties.id },
    position,
    heightM: 1.5,
    color: componentCategoryColors[f.properties.categoryCode] ?? fallbackColor,
    sizePx: marks[i]!.sizePx,
    outline: marks[i]!.outline,
    maxDistanceM: distances[i]!,
  }));
}

/** The category codes present, in code order, with counts (the filter's rows). */
export function componentCategoryCounts(
  features: readonly ComponentFeature[],
): { code: string; name: string; count: number }[] {
  const counts = new Map<string, { code: string; name: string; count: number }>();
  for (const f of features) {
    const row = counts.get(f.properties.categoryCode) ?? {
      code: f.properties.categoryCode,
      name: f.properties.category,
      count: 0,
    };
    row.count++;
    counts.set(row.code, row);
  }
  return [...counts.values()].sort((a, b) => a.code.localeCompare(b.code));
}
