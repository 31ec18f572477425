// The places the desk names and draws: every unit's name by id, and each grid's outline (the grids
// layer, read once per page). Pure.
import type { GridFeatureCollection } from '../../api/twinApi';
import type { Outline } from './spotMap.model';

export interface Places {
  names: ReadonlyMap<string, string>;
  /** A unit's outline and parent, by id. */
  units: ReadonlyMap<string, { outline: Outline; parentId: string | null; level: string }>;
}

export function placesOf(layer: GridFeatureCollection | undefined): Places {
  const names = new Map<string, string>();
  const units = new Map<string, { outline: Outline; parentId: string | null; level: string }>();
  for (const f of layer?.features ?? []) {
    names.set(f.properties.id, f.properties.name);
    units.set(f.properties.id, {
      outline: f.geometry as Outline,
      parentId: f.properties.parentId,
      level: f.properties.level,
    });
  }
  return { names, units };
}

/** The outlines around a grid: its own and its siblings' (the grids of the same community or village). */
export function neighbourhood(places: Places, gridId: string): { focus?: Outline; outlines: Outline[] } {
  const own = places.units.get(gridId);
  if (!own) return { outlines: [] };
  const siblings = [...places.units.entries()]
    .filter(([id, u]) => id !== gridId && u.parentId === own.parentId && u.level === own.level)
    .map(([, u]) => u.outline);
  return { focus: own.outline, outlines: [...siblings, own.outline] };
}
