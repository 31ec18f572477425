import { describe, expect, it } from 'vitest';
import { can, caseInScope, type Principal, ROLES, type Role, scopeOf, unitInScope } from './access';

const principal = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  userId: 'u',
  username: role,
  displayName: role,
  role,
  unitId: null,
  unitPath: null,
  departmentId: null,
  ...extra,
});

describe('scopeOf', () => {
  it.each([
    [
      'gridworker',
      { unitPath: '340881/340881002/340881002001/340881002001G01' },
      { kind: 'unit', path: '340881/340881002/340881002001/340881002001G01' },
    ],
    [
      'community',
      { unitPath: '340881/340881002/340881002001' },
      { kind: 'unit', path: '340881/340881002/340881002001' },
    ],
    ['subdistrict', { unitPath: '340881/340881002' }, { kind: 'unit', path: '340881/340881002' }],
    ['department', { departmentId: 'D02' }, { kind: 'department', departmentId: 'D02' }],
    ['centre', {}, { kind: 'city' }],
    ['analyst', {}, { kind: 'city' }],
    ['leader', {}, { kind: 'city' }],
    ['screen', {}, { kind: 'city' }],
    ['admin', {}, { kind: 'city' }],
  ] as const)('%s → %j', (role, extra, expected) => expect(scopeOf(principal(role, extra))).toEqual(expected));

  it('refuses a geographic role without a unit', () => {
    expect(() => scopeOf(principal('community'))).toThrow(/no unit/);
  });
});

describe('unitInScope', () => {
  const community = { kind: 'unit', path: '340881/340881002/340881002001' } as const;
  it.each([
    ['340881/340881002/340881002001', true],
    ['340881/340881002/340881002001/340881002001G03', true],
    ['340881/340881002/340881002002', false],
    ['340881/340881002/3408810020011', false], // a prefix of the id is not a descendant
    ['340881/340881002', false],
  ])('%s → %s', (path, expected) => expect(unitInScope(community, path)).toBe(expected));
});

describe('permissions', () => {
  it('keeps personal data away from the analyst, the big screen and departments', () => {
    for (const role of ['analyst', 'screen', 'department'] as const) {
      expect(can(principal(role), 'residents')).toBe(false);
      expect(can(principal(role), 'unmask')).toBe(false);
    }
  });
  it('lets only the administrator read the audit log and manage users', () => {
    for (const role of ROLES) {
      expect(can(principal(role), 'audit')).toBe(role === 'admin');
      expect(can(principal(role), 'users')).toBe(role === 'admin');
    }
  });
  it('lets every role see the map and the overview', () => {
    for (const role of ROLES) expect(can(principal(role), 'map') && can(principal(role), 'overview')).toBe(true);
  });
});

describe('caseInScope', () => {
  const c = (gridPath: string | undefined, departmentId: string | null = 'D02') => ({ gridPath, departmentId });
  it('city sees every case, even one whose grid is unknown', () => {
    expect(caseInScope({ kind: 'city' }, c(undefined))).toBe(true);
  });
  it("a unit sees the cases of the grids under it, not its neighbours' or unknown grids", () => {
    const scope = { kind: 'unit', path: 'C/S1/C01' } as const;
    expect(caseInScope(scope, c('C/S1/C01/G001'))).toBe(true);
    expect(caseInScope(scope, c('C/S1/C011/G001'))).toBe(false);
    expect(caseInScope(scope, c('C/S2/C02/G002'))).toBe(false);
    expect(caseInScope(scope, c(undefined))).toBe(false);
  });
  it('a department sees the cases dispatched to it, wherever they are', () => {
    const scope = { kind: 'department', departmentId: 'D02' } as const;
    expect(caseInScope(scope, c('C/S2/C02/G002', 'D02'))).toBe(true);
    expect(caseInScope(scope, c('C/S1/C01/G001', 'D07'))).toBe(false);
    expect(caseInScope(scope, c('C/S1/C01/G001', null))).toBe(false);
  });
});
