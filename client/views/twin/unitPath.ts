import type { GridProperties } from '../../api/twinApi';

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
