import { describe, expect, it } from 'vitest';
import type { Account } from '../../api/accountsApi';
import { filterAccounts, oneTimePasswordsCsv, scopeOf, stateOf } from './accountList.model';

const NOW = Date.parse('2026-11-30T08:00:00Z');
const account = (over: Partial<Account>): Account => ({
  userId: 'U100',
  username: 'someone',
  displayName: '某人',
  role: 'gridworker',
  unitId: null,
  departmentId: null,
  lockedUntil: null,
  disabled: false,
  mustChangePassword: false,
  totpEnabled: false,
  ...over,
});

describe('stateOf', () => {
  it.each([
    ['active', {}, 'active'],
    ['disabled wins', { disabled: true, mustChangePassword: true, lockedUntil: '2026-11-30T09:00:00Z' }, 'disabled'],
    ['locked until later', { lockedUntil: '2026-11-30T09:00:00Z', mustChangePassword: true }, 'locked'],
    ['a lock that has run out', { lockedUntil: '2026-11-30T07:00:00Z' }, 'active'],
    ['a one-time password', { mustChangePassword: true }, 'mustChange'],
  ] as const)('%s', (_t, over, state) => {
    expect(stateOf(account(over), NOW)).toBe(state);
  });
});

describe('filterAccounts', () => {
  const names = new Map([
    ['G01', '太平社区第1网格'],
    ['D02', '市城市管理局'],
  ]);
  const all = [
    account({ userId: 'U1', username: 'zhao', displayName: '赵敏', role: 'department', departmentId: 'D02' }),
    account({ userId: 'U2', username: 'wang', displayName: '王芳', unitId: 'G01', disabled: true }),
    account({ userId: 'U3', username: 'admin', displayName: '系统管理员', role: 'admin' }),
  ];
  const ids = (f: Partial<Parameters<typeof filterAccounts>[1]>) =>
    filterAccounts(all, { text: '', role: '', state: '', ...f }, names, NOW).map((a) => a.userId);

  it('sorts by username when nothing filters', () => expect(ids({})).toEqual(['U3', 'U2', 'U1']));
  it('finds by name, username or scope', () => {
    expect(ids({ text: '王' })).toEqual(['U2']);
    expect(ids({ text: 'ZHA' })).toEqual(['U1']);
    expect(ids({ text: '城市管理' })).toEqual(['U1']);
  });
  it('filters by role and state', () => {
    expect(ids({ role: 'admin' })).toEqual(['U3']);
    expect(ids({ state: 'disabled' })).toEqual(['U2']);
    expect(ids({ role: 'admin', state: 'disabled' })).toEqual([]);
  });
  it('names the scope, or shows the id it does not know', () => {
    expect(scopeOf(all[1]!, names)).toBe('太平社区第1网格');
    expect(scopeOf(account({ unitId: 'X9' }), names)).toBe('X9');
    expect(scopeOf(all[2]!, names)).toBe('');
  });
});

describe('oneTimePasswordsCsv', () => {
  it('quotes what needs quoting', () => {
    const csv = oneTimePasswordsCsv([
      { user: account({ username: 'a', displayName: '王, 芳' }), oneTimePassword: 'p"q' },
    ]);
    expect(csv).toBe('username,displayName,oneTimePassword\na,"王, 芳","p""q"\n');
  });
});
