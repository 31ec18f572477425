// Patrol points (巡查点位) → points, coloured by where they are: main road, secondary road, market, compound.
import type { PatrolPoint } from '@domain/model';
import type { PatrolPointFeature } from '../../api/twinApi';
import { declutterDistances, type PointSpec, pointPosition } from '../points/points.model';

export const patrolKindColors: Readonly<Record<PatrolPoint['kind'], string>> = {
  'main-road': '#f5f7ff',
  'secondary-road': '#cfd8ea',
  market: '#ffd666',
  compound: '#7ee0c3',
};

export function patrolSpecs(features: readonly PatrolPointFeature[]): PointSpec[] {
  const usable = features.flatMap((f) => {
    const position = pointPosition(f.geometry);
    return position ? [{ f, position }] : [];
  });
  const distances = declutterDistances(usable.map((u) => u.position));
  return usable.map(({ f, position }, i) => ({
    pick: { kind: 'patrol-point', id: f.properties.id },
    position,
    heightM: 2,
    color: patrolKindColors[f.properties.kind] ?? '#f5f7ff',
    sizePx: 7,
    outline: { color: '#1b4b8f', widthPx: 2 },
    maxDistanceM: Math.max(distances[i]!, 12_000),
  }));
}
