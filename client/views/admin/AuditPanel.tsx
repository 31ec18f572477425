// The audit log as an administrator reads it: who did what to which account, from where, and what
// changed (before → after). Optionally only one account's history.
import type { Account } from '../../api/accountsApi';
import type { TwinApi } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';
import { locales, useI18n } from '../../i18n';
import { CITY_ZONE } from '../../ui/caseFormat';
import { useResource } from '../../ui/useResource';

export interface AuditPanelProps {
  api: TwinApi;
  /** Only this account's history (as target or actor); none: everything. */
  account: Account | null;
  onShowAll(): void;
}

export function AuditPanel({ api, account, onShowAll }: AuditPanelProps) {
  const { t, lang } = useI18n();
  const page = useResource(
    (signal) => api.accounts.audit(account ? { targetId: account.userId, limit: 200 } : { limit: 200 }, signal),
    [api, account?.userId],
  );
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locales[lang], {
      dateStyle: 'short',
      timeStyle: 'medium',
      hour12: false,
      timeZone: CITY_ZONE,
    });
  const action = (a: string) => {
    const key = `audit.action.${a}` as MessageKey;
    const text = t(key);
    return text === undefined || text === key ? a : text;
  };

  return (
    <section className="work-card audit-panel">
      <div className="table-tools">
        <h2>{t('admin.audit.title')}</h2>
        {account && (
          <>
            <span className="chip">{t('admin.audit.forUser', { username: account.username })}</span>
            <button type="button" onClick={onShowAll}>
              {t('admin.audit.all')}
            </button>
          </>
        )}
      </div>
      {page.status === 'loading' && <p>{t('admin.audit.loading')}</p>}
      {page.status === 'error' && <p className="form-error">{t('admin.error', { message: page.error.message })}</p>}
      {page.status === 'ready' && (
        <table>
          <thead>
            <tr>
              <th>{t('admin.audit.at')}</th>
              <th>{t('admin.audit.actor')}</th>
              <th>{t('admin.audit.action')}</th>
              <th>{t('admin.audit.target')}</th>
              <th>{t('admin.audit.from')}</th>
              <th>{t('admin.audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {page.data.entries.map((e) => (
              <tr key={e.seq} className={e.outcome === 'denied' ? 'denied' : undefined}>
                <td className="mono nowrap">{when(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  {action(e.action)}
                  {e.outcome === 'denied' && <span className="state state-locked">{t('admin.audit.denied')}</span>}
                </td>
                <td className="mono">{e.targetId ?? ''}</td>
                <td className="mono">{e.ip ?? ''}</td>
                <td className="detail-cell">{e.detail ?? e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
