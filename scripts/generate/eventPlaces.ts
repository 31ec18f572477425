// Where events happen inside each grid: patrol points (markets and main roads weigh most), building
// centroids and components, each checked once with turf to lie inside its grid's polygon. Events
// then pick from these lists (no per-event polygon work except a cheap ray-cast on the jitter).
import { booleanPointInPolygon } from '@turf/turf';
import type { AdminUnit, Building, CityComponent, LonLat, PatrolPoint, PolygonCoords } from '../../server/domain/model';
import type { Anchor } from './eventProfiles';
import type { Rng } from './random';

export interface Spot {
  lon: number;
  lat: number;
  label: string;
  /** A component's label reads on its own; other places read '…附近'. */
  isComponent: boolean;
}

interface WeightedSpots {
  spots: Spot[];
  cumulative: Float64Array;
}

export interface GridPlaces {
  grid: AdminUnit;
  /** Relative event volume of the grid: busy streets and markets draw more cases. */
  weight: number;
  all: WeightedSpots;
  byAnchor: Map<Anchor, WeightedSpots>;
  polygons: PolygonCoords[];
}

const PATROL_WEIGHT: Record<PatrolPoint['kind'], [number, Anchor]> = {
  market: [8, 'market'],
  'main-road': [5, 'road'],
  'secondary-road': [3, 'road'],
  compound: [4, 'residential'],
};

export function buildGridPlaces(
  grids: AdminUnit[],
  buildings: Building[],
  components: CityComponent[],
  patrolPoints: PatrolPoint[],
): Map<string, GridPlaces> {
  const draft = new Map<string, { grid: AdminUnit; entries: [Spot, number, Anchor[]][] }>(
    grids.map((g) => [g.id, { grid: g, entries: [] }]),
  );
  const add = (
    gridId: string,
    position: LonLat,
    label: string,
    weight: number,
    anchors: Anchor[],
    isComponent = false,
  ) => {
    const d = draft.get(gridId);
    if (!d || !booleanPointInPolygon(position, d.grid.geometry)) return;
    d.entries.push([{ lon: position[0], lat: position[1], label, isComponent }, weight, anchors]);
  };
  for (const p of patrolPoints) {
    const [w, anchor] = PATROL_WEIGHT[p.kind];
    add(p.gridId, p.position, p.name, w, [anchor]);
  }
  for (const b of buildings) {
    if (b.use === 'residential' || b.use === 'village-house') {
      // Casework follows the households: a tower of 120 flats more than a courtyard house of five, old
      // walk-up estates (老旧小区) more per household than new towers. Village houses: one household each.
      const perHousehold = b.floors <= 7 ? 1 / 25 : 1 / 50;
      const weight = b.use === 'residential' ? Math.max(0.1, b.dwellings * perHousehold) : 0.5;
      add(b.gridId, b.centroid, b.address, weight, [
        'residential',
        ...(b.kind === 'shophouse' ? (['commercial'] as const) : []), // shops on its ground floor
      ]);
    } else if (b.use === 'commercial') {
      add(b.gridId, b.centroid, b.address, 1.5, ['commercial', 'market']);
    } else {
      add(b.gridId, b.centroid, b.address, 0.3, []);
    }
  }
  for (const c of components) {
    const anchors: Anchor[] = [];
    if (/井/.test(c.subtype)) anchors.push('manhole');
    if (/灯/.test(c.subtype)) anchors.push('lamp');
    if (/消火栓|消防栓/.test(c.subtype)) anchors.push('hydrant');
    if (c.roadId) anchors.push('road');
    add(c.gridId, c.position, `编号${c.code}的${c.subtype}`, 0.05, anchors, true);
  }

  const out = new Map<string, GridPlaces>();
  for (const { grid, entries } of draft.values()) {
    if (entries.length === 0) {
      // A grid with nothing in it still gets events, at a point surely inside it.
      const c = grid.centroid;
      const p: LonLat = booleanPointInPolygon(c, grid.geometry) ? c : firstInnerPoint(grid);
      entries.push([{ lon: p[0], lat: p[1], label: grid.name, isComponent: false }, 1, []]);
    }
    const byAnchorLists = new Map<Anchor, [Spot, number][]>();
    let weight = 1;
    for (const [spot, w, anchors] of entries) {
      weight += w * (w >= 3 ? 1 : 0.15); // patrol hot spots dominate a grid's volume
      for (const a of anchors) {
        const list = byAnchorLists.get(a) ?? [];
        list.push([spot, w]);
        byAnchorLists.set(a, list);
      }
    }
    const byAnchor = new Map<Anchor, WeightedSpots>();
    for (const [a, list] of byAnchorLists) byAnchor.set(a, weighted(list));
    out.set(grid.id, {
      grid,
      weight,
      all: weighted(entries.map(([s, w]) => [s, w])),
      byAnchor,
      polygons: grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates,
    });
  }
  return out;
}

function weighted(list: [Spot, number][]): WeightedSpots {
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  list.forEach(([, w], i) => {
    sum += w;
    cumulative[i] = sum;
  });
  return { spots: list.map(([s]) => s), cumulative };
}

/** Index in a cumulative-weight array for a uniform draw u in [0, 1). */
export function pickCumulative(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function pickSpot(rng: Rng, places: GridPlaces, anchor: Anchor): Spot {
  const preferred = anchor === 'any' ? undefined : places.byAnchor.get(anchor);
  const list = preferred && rng.chance(0.85) ? preferred : places.all;
  return list.spots[pickCumulative(list.cumulative, rng.next())]!;
}

/** Even-odd ray casting over a polygon's rings (holes included). */
export function insidePolygons(polygons: PolygonCoords[], lon: number, lat: number): boolean {
  for (const rings of polygons) {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

function firstInnerPoint(grid: AdminUnit): LonLat {
  const rings = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates : grid.geometry.coordinates[0]!;
  const ring = rings[0]!;
  // Nudge the first vertex towards its two neighbours' midpoint until it is inside.
  const [a, b, c] = [ring[0]!, ring[1]!, ring[ring.length - 2]!];
  for (let t = 0.05; t < 1; t += 0.05) {
    const p: LonLat = [a[0] + t * ((b[0] + c[0]) / 2 - a[0]), a[1] + t * ((b[1] + c[1]) / 2 - a[1])];
    if (booleanPointInPolygon(p, grid.geometry)) return p;
  }
  return grid.centroid;
}
