// The accounts, filtered and paged, with what an administrator does to one: edit, disable or enable,
// reset the password, read its history.
import { ROLES } from '@domain/access';
import { useMemo, useState } from 'react';
import type { Account } from '../../api/accountsApi';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import {
  ACCOUNT_STATES,
  type AccountFilter,
  filterAccounts,
  type ScopeNames,
  scopeOf,
  stateOf,
} from './accountList.model';

const PAGE = 50;

export interface UserTableProps {
  accounts: readonly Account[];
  names: ScopeNames;
  /** The signed-in administrator: they may not disable themselves, so the button is not offered. */
  selfId: string;
  busy: boolean;
  /** The search to start with (the account just created or changed, so it is in sight). */
  initialText?: string;
  onEdit(a: Account): void;
  onDisable(a: Account): void;
  onEnable(a: Account): void;
  onReset(a: Account): void;
  onResetTotp(a: Account): void;
  onHistory(a: Account): void;
}

export function UserTable({ accounts, names, selfId, busy, initialText = '', ...on }: UserTableProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AccountFilter>({ text: initialText, role: '', state: '' });
  const [shown, setShown] = useState(PAGE);
  const now = Date.now();
  const rows = useMemo(() => filterAccounts(accounts, filter, names, now), [accounts, filter, names, now]);
  const set = (patch: Partial<AccountFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setShown(PAGE);
  };

  return (
    <section className="user-table work-card">
      <div className="table-tools">
        <input
          type="search"
          aria-label={t('admin.search')}
          placeholder={t('admin.search')}
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <select aria-label={t('admin.col.role')} value={filter.role} onChange={(e) => set({ role: e.target.value })}>
          <option value="">{t('admin.filterRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('admin.col.state')}
          value={filter.state}
          onChange={(e) => set({ state: e.target.value as AccountFilter['state'] })}
        >
          <option value="">{t('admin.filterState')}</option>
          {ACCOUNT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.state.${s}`)}
            </option>
          ))}
        </select>
        <span className="table-count">
          {t('admin.count', { total: rows.length, shown: Math.min(shown, rows.length) })}
        </span>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t('admin.col.username')}</th>
            <th>{t('admin.col.name')}</th>
            <th>{t('admin.col.role')}</th>
            <th>{t('admin.col.scope')}</th>
            <th>{t('admin.col.state')}</th>
            <th>{t('admin.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((a) => {
            const state = stateOf(a, now);
            return (
              <tr key={a.userId} data-username={a.username}>
                <td className="mono">{a.username}</td>
                <td>{a.displayName}</td>
                <td>{t(`role.${a.role}` as MessageKey)}</td>
                <td className="scope-cell">{scopeOf(a, names) || t('account.scopeCity')}</td>
                <td>
                  <span className={`state state-${state}`}>{t(`admin.state.${state}`)}</span>
                  {a.totpEnabled && <span className="state state-totp">{t('admin.state.totp')}</span>}
                </td>
                <td className="row-actions">
                  <button type="button" disabled={busy} onClick={() => on.onEdit(a)}>
                    {t('admin.action.edit')}
                  </button>
                  {a.disabled ? (
                    <button type="button" disabled={busy} onClick={() => on.onEnable(a)}>
                      {t('admin.action.enable')}
                    </button>
                  ) : (
                    a.userId !== selfId && (
                      <button type="button" disabled={busy} onClick={() => on.onDisable(a)}>
                        {t('admin.action.disable')}
                      </button>
                    )
                  )}
                  <button type="button" disabled={busy} onClick={() => on.onReset(a)}>
                    {t('admin.action.reset')}
                  </button>
                  {a.totpEnabled && a.userId !== selfId && (
                    <button type="button" disabled={busy} onClick={() => on.onResetTotp(a)}>
                      {t('admin.action.resetTotp')}
                    </button>
                  )}
                  <button type="button" onClick={() => on.onHistory(a)}>
                    {t('admin.action.history')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown && (
        <button type="button" className="more" onClick={() => setShown((s) => s + PAGE)}>
          {t('admin.more', { count: Math.min(PAGE, rows.length - shown) })}
        </button>
      )}
    </section>
  );
}
