import { describe, expect, it } from 'vitest';
import type { Role } from './access';
import { type LockoutRefusal, lockoutRefusal, scopeErrors, usernameError } from './accounts';

describe('lockoutRefusal', () => {
  const admin = (userId: string, disabled = false) => ({ userId, role: 'admin' as Role, disabled });
  const CASES: Array<
    [string, ReturnType<typeof admin>, { disable?: boolean; role?: Role }, number, LockoutRefusal | null]
  > = [
    ['disable yourself', admin('A'), { disable: true }, 3, 'self_lockout'],
    ['demote yourself', admin('A'), { role: 'analyst' }, 3, 'self_lockout'],
    ['keep yourself admin', admin('A'), { role: 'admin' }, 1, null],
    ['disable the last other admin', admin('B'), { disable: true }, 1, 'last_admin'],
    ['demote the last other admin', admin('B'), { role: 'leader' }, 1, 'last_admin'],
    ['disable one of two', admin('B'), { disable: true }, 2, null],
    ['disable an already disabled admin', admin('B', true), { disable: true }, 1, null],
    ['disable a non-admin', { userId: 'C', role: 'centre', disabled: false }, { disable: true }, 1, null],
  ];
  it.each(CASES)('%s', (_name, target, change, admins, expected) => {
    expect(lockoutRefusal('A', target, change, admins)).toBe(expected);
  });
});

describe('scopeErrors', () => {
  const facts = (unitLevel?: string, departmentExists = false) => ({ unitLevel, departmentExists });
  const CASES: Array<[string, string | null, string | null, ReturnType<typeof facts>, string[]]> = [
    ['gridworker', 'G1', null, facts('grid'), []],
    ['gridworker', 'C1', null, facts('community'), ['unitId']],
    ['gridworker', 'X', null, facts(undefined), ['unitId']],
    ['gridworker', null, null, facts(), ['unitId']],
    ['community', 'V1', null, facts('village'), []],
    ['subdistrict', 'T1', null, facts('town'), []],
    ['department', null, 'D02', facts(undefined, true), []],
    ['department', null, 'D99', facts(undefined, false), ['departmentId']],
    ['department', null, null, facts(), ['departmentId']],
    ['centre', 'G1', null, facts('grid'), ['unitId']],
    ['analyst', null, 'D02', facts(undefined, true), ['departmentId']],
    ['wizard', null, null, facts(), ['role']],
  ];
  it.each(CASES)('%s %s %s', (role, unitId, departmentId, f, fields) => {
    expect(scopeErrors(role, unitId, departmentId, f).map((e) => e.field)).toEqual(fields);
  });

  it('checks usernames', () => {
    expect(usernameError('wang.fang')).toBeNull();
    expect(usernameError('ab')?.field).toBe('username');
    expect(usernameError('Wang')?.field).toBe('username');
  });
});
