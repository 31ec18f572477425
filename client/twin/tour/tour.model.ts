// The unattended tour (自动巡航) of the big screen: the whole city, each subdistrict and town, then
// the hot spots (the grids with the most open events), round and round. Pure: the stops; the page
// flies between them.
import type { AdminLevel } from '@domain/model';
import type { BboxDeg } from '../../api/twinApi';
import type { GridOutline } from '../grids/grids.model';
import { unitBboxes } from '../selection/whereSelected';

export interface TourStop {
  key: string;
  /** What the screen shows while there (a unit's name). */
  label: string;
  kind: 'city' | 'area' | 'hot-spot';
  bbox: BboxDeg;
  /** Where a hot spot's open events are (to select one there), else null. */
  unitId: string | null;
}

export interface TourUnit {
  id: string;
  name: string;
  level: AdminLevel;
  bbox: BboxDeg;
}

/**
 * City first, then subdistricts and towns (in id order), then up to `hotSpots` grids by open events
 * (most first; grids without open events are no hot spots).
 */
export function tourStops(
  units: readonly TourUnit[],
  openEventsByGrid: ReadonlyMap<string, number>,
  hotSpots = 5,
): TourStop[] {
  const stops: TourStop[] = [];
  const city = units.find((u) => u.level === 'city');
  const focus = units.filter((u) => u.level !== 'city');
  if (city)
    stops.push({
      key: `city:${city.id}`,
      label: city.name,
      kind: 'city',
      bbox: unionBbox(focus.map((u) => u.bbox)) ?? city.bbox,
      unitId: null,
    });
  for (const u of units
    .filter((x) => x.level === 'subdistrict' || x.level === 'town')
    .sort((a, b) => a.id.localeCompare(b.id))) {
    stops.push({ key: `area:${u.id}`, label: u.name, kind: 'area', bbox: u.bbox, unitId: u.id });
  }
  const grids = new Map(units.filter((u) => u.level === 'grid').map((u) => [u.id, u]));
  [...openEventsByGrid]
    .filter(([id, n]) => n > 0 && grids.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, hotSpots)
    .forEach(([id]) => {
      const g = grids.get(id)!;
      stops.push({ key: `hot:${id}`, label: g.name, kind: 'hot-spot', bbox: g.bbox, unitId: id });
    });
  return stops;
}

export function unionBbox(boxes: readonly BboxDeg[]): BboxDeg | null {
  if (boxes.length === 0) return null;
  return boxes.reduce<BboxDeg>(
    (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
    [...boxes[0]!] as BboxDeg,
  );
}

/**
 * The stops for a city as a twin page holds it: its units (communities and villages are too small to
 * tour), their outlines (a unit without one is no stop), and the open events (hot spots by grid).
 */
export function cityTourStops(
  units: Iterable<Pick<TourUnit, 'id' | 'name' | 'level'>>,
  outlines: readonly Pick<GridOutline, 'unitId' | 'ring'>[],
  openEvents: readonly { gridId: string }[] | null,
  hotSpots = 5,
): TourStop[] {
  const boxes = unitBboxes(outlines);
  const tourUnits: TourUnit[] = [];
  for (const u of units) {
    if (u.level === 'community' || u.level === 'village') continue;
    const bbox = boxes.get(u.id);
    if (bbox) tourUnits.push({ id: u.id, name: u.name, level: u.level, bbox });
  }
  const byGrid = new Map<string, number>();
  for (const e of openEvents ?? []) byGrid.set(e.gridId, (byGrid.get(e.gridId) ?? 0) + 1);
  return tourStops(tourUnits, byGrid, hotSpots);
}
