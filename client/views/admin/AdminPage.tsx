// The administrator's page (系统管理): user accounts (create, change, disable, enable, reset), a CSV
// import, and the audit log. Every change is the server's to allow; a refusal is shown as it says.
import { DEPARTMENTS } from '@domain/departments';
import { useMemo, useRef, useState } from 'react';
import type { Account, AccountWithPassword } from '../../api/accountsApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useSession } from '../../ui/session';
import { useResource } from '../../ui/useResource';
import { AccountForm } from './AccountForm';
import { AuditPanel } from './AuditPanel';
import { ImportPanel } from './ImportPanel';
import { OneTimePasswordDialog } from './OneTimePasswordDialog';
import { scopeOptions } from './scopeOptions.model';
import { UserTable } from './UserTable';

type Tab = 'users' | 'import' | 'audit';
type Form = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; account: Account };

export function AdminPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>('users');
  const [version, setVersion] = useState(0);
  const [form, setForm] = useState<Form>({ kind: 'closed' });
  const [oneTime, setOneTime] = useState<AccountWithPassword | null>(null);
  const [history, setHistory] = useState<Account | null>(null);
  const [inSight, setInSight] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accounts = useResource((signal) => api.accounts.list(signal), [api, version]);
  const units = useResource((signal) => api.grids({}, signal), [api]);
  const options = useMemo(
    () => scopeOptions(units.data?.features.map((f) => f.properties) ?? [], DEPARTMENTS),
    [units.data],
  );
  const reload = () => setVersion((v) => v + 1);
  // The list stays on screen while it reloads after a change.
  const lastList = useRef<Account[] | null>(null);
  if (accounts.status === 'ready') lastList.current = accounts.data;
  const list = accounts.data ?? lastList.current;

  async function act(run: () => Promise<unknown>, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setError(null);
    try {
      await run();
      reload();
    } catch (err) {
      setError(t('admin.actionFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="work-page admin-page">
      <PageHeader title={t('admin.title')} />
      <main className="work-main">
        <div className="tabs" role="tablist">
          {(['users', 'import', 'audit'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              onClick={() => {
                setTab(k);
                if (k !== 'audit') setHistory(null);
                if (k === 'users') reload(); // what others changed meanwhile
              }}
            >
              {t(`admin.tab.${k}`)}
            </button>
          ))}
          {tab === 'users' && form.kind === 'closed' && (
            <button type="button" className="primary tab-action" onClick={() => setForm({ kind: 'new' })}>
              {t('admin.new')}
            </button>
          )}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {tab === 'users' && (
          <div className="admin-users">
            {form.kind !== 'closed' && (
              <AccountForm
                key={form.kind === 'edit' ? form.account.userId : 'new'}
                api={api}
                options={options}
                editing={form.kind === 'edit' ? form.account : null}
                onCreated={(result) => {
                  setForm({ kind: 'closed' });
                  setOneTime(result);
                  setInSight(result.user.username);
                  reload();
                }}
                onChanged={() => {
                  setForm({ kind: 'closed' });
                  reload();
                }}
                onCancel={() => setForm({ kind: 'closed' })}
              />
            )}
            {!list && accounts.status === 'loading' && <p className="work-card">{t('admin.loading')}</p>}
            {accounts.status === 'error' && (
              <p className="form-error">{t('admin.error', { message: accounts.error.message })}</p>
            )}
            {list && (
              <UserTable
                key={inSight}
                initialText={inSight}
                accounts={list}
                names={options.names}
                selfId={user.userId}
                busy={busy}
                onEdit={(a) => setForm({ kind: 'edit', account: a })}
                onDisable={(a) =>
                  void act(() => api.accounts.disable(a.userId), t('admin.confirmDisable', { name: a.displayName }))
                }
                onEnable={(a) => void act(() => api.accounts.enable(a.userId))}
                onReset={(a) =>
                  void act(
                    async () => setOneTime(await api.accounts.resetPassword(a.userId)),
                    t('admin.confirmReset', { name: a.displayName }),
                  )
                }
                onResetTotp={(a) =>
                  void act(
                    () => api.accounts.resetSecondFactor(a.userId),
                    t('admin.confirmResetTotp', { name: a.displayName }),
                  )
                }
                onHistory={(a) => {
                  setHistory(a);
                  setTab('audit');
                }}
              />
            )}
          </div>
        )}
        {tab === 'import' && <ImportPanel api={api} onImported={reload} />}
        {tab === 'audit' && <AuditPanel api={api} account={history} onShowAll={() => setHistory(null)} />}
      </main>
      {oneTime && <OneTimePasswordDialog result={oneTime} onClose={() => setOneTime(null)} />}
    </div>
  );
}
