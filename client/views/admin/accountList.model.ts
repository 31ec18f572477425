// The administrator's list of accounts: each account's state, the filters, and the scope it works in,
// named. Pure.
import type { Account } from '../../api/accountsApi';

export type AccountState = 'active' | 'disabled' | 'locked' | 'mustChange';
export const ACCOUNT_STATES: readonly AccountState[] = ['active', 'mustChange', 'locked', 'disabled'];

/** The one state the list shows: disabled over locked over a pending one-time password. */
export function stateOf(a: Account, now: number): AccountState {
  if (a.disabled) return 'disabled';
  if (a.lockedUntil && Date.parse(a.lockedUntil) > now) return 'locked';
  if (a.mustChangePassword) return 'mustChange';
  return 'active';
}

export interface AccountFilter {
  text: string;
  role: string;
  state: AccountState | '';
}

/** Names of units and departments by id, for the scope column and the search. */
export type ScopeNames = ReadonlyMap<string, string>;

export function scopeOf(a: Account, names: ScopeNames): string {
  const id = a.unitId ?? a.departmentId;
  return id ? (names.get(id) ?? id) : '';
}

/** The accounts that match, in username order. */
export function filterAccounts(
  accounts: readonly Account[],
  filter: AccountFilter,
  names: ScopeNames,
  now: number,
): Account[] {
  const text = filter.text.trim().toLowerCase();
  return accounts
    .filter(
      (a) =>
        (!filter.role || a.role === filter.role) &&
        (!filter.state || stateOf(a, now) === filter.state) &&
        (!text ||
          a.username.toLowerCase().includes(text) ||
          a.displayName.toLowerCase().includes(text) ||
          scopeOf(a, names).toLowerCase().includes(text)),
    )
    .sort((x, y) => x.username.localeCompare(y.username));
}

/** The one-time passwords of an import, as a CSV an administrator can hand out (RFC 4180 quoting). */
export function oneTimePasswordsCsv(rows: ReadonlyArray<{ user: Account; oneTimePassword: string }>): string {
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = rows.map((r) => [r.user.username, r.user.displayName, r.oneTimePassword].map(cell).join(','));
  return `username,displayName,oneTimePassword\n${lines.join('\n')}\n`;
}
