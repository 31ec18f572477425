// Where a selection lies (pure): the point the marker stands on, the unit the drill-down path ends at,
// a unit's outlines and bounds, the selected camera (for its view cone). Points are found in the
// layers' own lists; an event also in the open events; an event or alarm that is in no list (one that
// arrived live, a closed one from the ticker or a link) where its panel loaded it.
import type { Camera, LonLat } from '@domain/model';
import type { BboxDeg } from '../../api/twinApi';
import type { GridOutline } from '../grids/grids.model';
import type { PickKind, PickRef } from '../points/points.model';

/** A record of a point layer, as its feature (a GeoJSON Point, WGS84). */
export interface PlacedFeature {
  properties: { id: string; gridId: string };
  geometry: { coordinates: unknown[] };
}

export interface SelectionWorld {
  components: readonly PlacedFeature[] | null;
  cameras: readonly PlacedFeature[] | null;
  patrol: readonly PlacedFeature[] | null;
  sensors: readonly PlacedFeature[] | null;
  openEvents: readonly { id: string; position: LonLat; gridId: string }[] | null;
  /** Where the selection lies as its panel loaded it (only when it belongs to the selection). */
  loaded: { position: LonLat; gridId: string } | null;
  /** The selected alarm as a panel had it (only when it is the selected one). */
  alarm: { gridId: string } | null;
}

export interface SelectionWhere {
  /** The marker's point; null for a unit, a building, or a thing not found. */
  position: LonLat | null;
  /** The unit itself, or the grid the selected thing lies in. */
  unitId: string | null;
}

const pointLists = {
  component: 'components',
  camera: 'cameras',
  'patrol-point': 'patrol',
  sensor: 'sensors',
} as const satisfies Partial<Record<PickKind, keyof SelectionWorld>>;

export function whereSelected(selection: PickRef | null, world: SelectionWorld): SelectionWhere {
  if (!selection) return { position: null, unitId: null };
  const { kind, id } = selection;
  if (kind === 'unit') return { position: null, unitId: id };
  if (kind === 'event') {
    const open = world.openEvents?.find((e) => e.id === id);
    return {
      position: open?.position ?? world.loaded?.position ?? null,
      unitId: open?.gridId ?? world.loaded?.gridId ?? null,
    };
  }
  if (kind === 'alarm')
    return { position: world.loaded?.position ?? null, unitId: world.alarm?.gridId ?? world.loaded?.gridId ?? null };
  if (kind === 'building') return { position: null, unitId: null };
  const f = world[pointLists[kind]]?.find((x) => x.properties.id === id);
  return { position: f ? (f.geometry.coordinates as LonLat) : null, unitId: f?.properties.gridId ?? null };
}

/** The selected camera with its position (for its view cone), else null. */
export function selectedCamera(
  selection: PickRef | null,
  cameras: readonly { properties: Omit<Camera, 'position'>; geometry: { coordinates: unknown[] } }[] | null,
): Camera | null {
  if (selection?.kind !== 'camera') return null;
  const f = cameras?.find((c) => c.properties.id === selection.id);
  return f ? { ...f.properties, position: f.geometry.coordinates as LonLat } : null;
}

/** The outlines of the selected unit (to highlight), none for anything else. */
export function selectedOutlines(selection: PickRef | null, outlines: readonly GridOutline[] | null): GridOutline[] {
  return selection?.kind === 'unit' && outlines ? outlines.filter((o) => o.unitId === selection.id) : [];
}

/** The bounds of a unit's outlines, or null when it has none. */
export function unitBbox(outlines: readonly Pick<GridOutline, 'unitId' | 'ring'>[], unitId: string): BboxDeg | null {
  return unitBboxes(outlines.filter((o) => o.unitId === unitId)).get(unitId) ?? null;
}

/** Every unit's bounds, in one pass over the outlines. */
export function unitBboxes(outlines: readonly Pick<GridOutline, 'unitId' | 'ring'>[]): Map<string, BboxDeg> {
  const boxes = new Map<string, BboxDeg>();
  for (const { unitId, ring } of outlines)
    for (const [lon, lat] of ring) {
      const box = boxes.get(unitId);
      if (!box) boxes.set(unitId, [lon, lat, lon, lat]);
      else {
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
    }
  return boxes;
}
