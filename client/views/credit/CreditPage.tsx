// Resident credit points (/credit, 信用积分, issue 18) for grid workers, community and subdistrict staff:
// records to confirm, publications running (and appeals on a resident's behalf), appeals to decide, a
// new proposal, and a resident's archive. People confirm, publish and decide; the page never judges.
// A step's answer reloads the lists (`tick`); the archive opens from any list or from a search.
import './credit.css';
import { useCallback, useState } from 'react';
import type { TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useSession } from '../../ui/session';
import { useResource } from '../../ui/useResource';
import { AppealQueue } from './AppealQueue';
import { ConfirmQueue } from './ConfirmQueue';
import { mayPropose } from './credit.model';
import { ProposeForm } from './ProposeForm';
import { PublishingList } from './PublishingList';
import { ResidentArchive } from './ResidentArchive';

type Tab = 'confirm' | 'publishing' | 'appeals' | 'propose' | 'archive';
const TABS: readonly Tab[] = ['confirm', 'publishing', 'appeals', 'propose', 'archive'];

/** The tab and the archive's resident from the URL (?tab=archive&resident=R…), so a view can be linked and printed. */
function fromUrl(): { tab: Tab; resident: string | null } {
  const q = new URLSearchParams(window.location.search);
  const tab = q.get('tab') as Tab | null;
  const resident = q.get('resident');
  return {
    tab: tab && TABS.includes(tab) ? tab : resident ? 'archive' : 'confirm',
    resident: resident && /^[A-Za-z0-9-]{1,40}$/.test(resident) ? resident : null,
  };
}

export function CreditPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [{ tab, resident }, setView] = useState(fromUrl);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const rules = useResource((signal) => api.credit.rules(signal), [api]);
  const tabs = TABS.filter((k) => k !== 'propose' || mayPropose(user.role));

  const go = (next: Tab, residentId: string | null = resident) => {
    setView({ tab: next, resident: residentId });
    const url = new URL(window.location.href);
    url.searchParams.set('tab', next);
    if (residentId) url.searchParams.set('resident', residentId);
    else url.searchParams.delete('resident');
    window.history.replaceState(null, '', url);
  };
  const openArchive = (residentId: string) => go('archive', residentId);
  const lists = { api, tick, onChanged: reload, onArchive: openArchive };

  return (
    <div className="work-page credit-page">
      <PageHeader title={t('credit.title')} />
      <main className="work-main">
        <div className="credit-bar no-print">
          <div className="tabs" role="tablist">
            {tabs.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => go(k)}>
                {t(`credit.tab.${k}` as MessageKey)}
              </button>
            ))}
          </div>
          <p className="form-hint">{t('credit.subtitle')}</p>
        </div>
        {rules.status === 'error' && (
          <p className="form-error">{t('credit.error', { message: rules.error.message })}</p>
        )}
        {tab === 'confirm' && <ConfirmQueue {...lists} />}
        {tab === 'publishing' && <PublishingList {...lists} />}
        {tab === 'appeals' && <AppealQueue {...lists} />}
        {tab === 'propose' &&
          (rules.data ? (
            <ProposeForm api={api} rules={rules.data} onProposed={reload} />
          ) : (
            <p className="credit-empty" role="status">
              {t('credit.loading')}
            </p>
          ))}
        {tab === 'archive' && (
          <ResidentArchive
            api={api}
            rules={rules.data}
            residentId={resident}
            tick={tick}
            onPick={openArchive}
            onChanged={reload}
          />
        )}
      </main>
    </div>
  );
}
