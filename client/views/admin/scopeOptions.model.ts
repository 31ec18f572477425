// What an administrator picks a scope from: the units of the tree by level, each named by its path
// ("文昌街道 / 太平社区 / 第1网格"), and the departments. Pure.
import { ROLE_UNIT_LEVELS, type Role } from '@domain/access';
import type { Department } from '@domain/model';

export interface UnitRow {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

export interface ScopeOption {
  id: string;
  label: string;
  level: string;
}

export interface ScopeOptions {
  /** Unit and department names by id (the list's scope column). */
  names: Map<string, string>;
  units: ScopeOption[];
  departments: ScopeOption[];
}

export function scopeOptions(units: readonly UnitRow[], departments: readonly Department[]): ScopeOptions {
  const byId = new Map(units.map((u) => [u.id, u]));
  const label = (u: UnitRow): string => {
    const names: string[] = [];
    for (
      let at: UnitRow | undefined = u;
      at && at.level !== 'city';
      at = at.parentId ? byId.get(at.parentId) : undefined
    )
      names.unshift(at.name);
    return names.join(' / ');
  };
  const unitOptions = units
    .filter((u) => u.level !== 'city')
    .map((u) => ({ id: u.id, label: label(u), level: u.level }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const departmentOptions = departments.map((d) => ({ id: d.id, label: `${d.name} (${d.id})`, level: 'department' }));
  const names = new Map<string, string>([...unitOptions, ...departmentOptions].map((o) => [o.id, o.label]));
  return { names, units: unitOptions, departments: departmentOptions };
}

/** What scope a role takes: a unit of some levels, a department, or none (the whole city). */
export type ScopeKind = { kind: 'unit'; levels: readonly string[] } | { kind: 'department' } | { kind: 'city' };

export function scopeKindOf(role: string): ScopeKind {
  const levels = ROLE_UNIT_LEVELS[role as Role];
  if (levels) return { kind: 'unit', levels };
  return role === 'department' ? { kind: 'department' } : { kind: 'city' };
}

/** The units a role may be bound to. */
export function unitsFor(options: ScopeOptions, role: string): ScopeOption[] {
  const kind = scopeKindOf(role);
  return kind.kind === 'unit' ? options.units.filter((u) => kind.levels.includes(u.level)) : [];
}
