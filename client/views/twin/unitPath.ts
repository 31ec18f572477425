import type { AdminLevel } from '@domain/model';
import type { GridProperties } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';

/** Each level's name. */
export const levelText: Record<AdminLevel, MessageKey> = {
  city: 'level.city',
  subdistrict: 'level.subdistrict',
  town: 'level.town',
  community: 'level.community',
  village: 'level.village',
  grid: 'level.grid',
};

/** The units from the top of the tree down to `id` (empty for an unknown id; a cycle stops the walk). */
export function unitPath(units: ReadonlyMap<string, GridProperties>, id: string | null): GridProperties[] {
  const path: GridProperties[] = [];
  const seen = new Set<string>();
  for (
    let unit = id ? units.get(id) : undefined;
    unit && !seen.has(unit.id);
    unit = unit.parentId ? units.get(unit.parentId) : undefined
  ) {
    seen.add(unit.id);
    path.unshift(unit);
  }
  return path;
}

/** The units by id, from the grid layer's features. */
export function unitsById(grids: readonly { properties: GridProperties }[] | null): Map<string, GridProperties> {
  return new Map((grids ?? []).map((f) => [f.properties.id, f.properties]));
}

/** Each unit's children, in id order (for the path's "one level further" list). */
export function childrenByParent(units: ReadonlyMap<string, GridProperties>): Map<string, GridProperties[]> {
  const map = new Map<string, GridProperties[]>();
  for (const u of units.values()) if (u.parentId) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
  for (const list of map.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return map;
}
