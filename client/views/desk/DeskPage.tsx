// The case desk (/desk): the centre seat's 坐席, and the same page as a department's, a community's
// or a subdistrict's own inbox. Inboxes with their counts on the left, the cases of the one chosen in
// the middle, the open case's dossier with what this user may do on the right. The live stream's case
// messages reload what is shown.
import './desk.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CasePage } from '../../api/casesApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useSession } from '../../ui/session';
import { useCaseChanges } from '../../ui/useCaseChanges';
import { useResource } from '../../ui/useResource';
import { BulkDispatchBar } from './BulkDispatchBar';
import { CaseDossierPanel } from './CaseDossierPanel';
import { CaseTable } from './CaseTable';
import { InboxNav } from './InboxNav';
import { type InboxKey, inboxesFor, queryOf } from './inbox.model';
import { placesOf } from './places';

const PAGE = 50;

export function DeskPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const { user } = useSession();
  const inboxes = useMemo(() => inboxesFor(user.role, user.permissions), [user.role, user.permissions]);
  const [key, setKey] = useState<InboxKey>(inboxes[0]!.key);
  const inbox = inboxes.find((i) => i.key === key) ?? inboxes[0]!;
  const [holder, setHolder] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const connected = useCaseChanges(api, reload);

  const units = useResource((signal) => api.grids({}, signal), [api]);
  const places = useMemo(() => placesOf(units.data), [units.data]);
  const counts = useResource(
    (signal) =>
      Promise.all(inboxes.map((i) => api.cases.list(queryOf(i, { limit: 1 }, holder), signal).then((p) => p.total))),
    [api, inboxes, holder, version],
  );
  const page = useResource(
    (signal) => api.cases.list(queryOf(inbox, { limit }, holder), signal),
    [api, inbox, holder, limit, version],
  );
  // What was shown stays on screen while it reloads (a live change, an action).
  const lastPage = useRef<{ key: string; page: CasePage } | null>(null);
  const pageKey = `${inbox.key}|${holder}`;
  if (page.status === 'ready') lastPage.current = { key: pageKey, page: page.data };
  const shown = page.data ?? (lastPage.current?.key === pageKey ? lastPage.current.page : null);
  const lastCounts = useRef<number[] | null>(null);
  if (counts.status === 'ready') lastCounts.current = counts.data;

  const choose = (next: InboxKey) => {
    setKey(next);
    setLimit(PAGE);
    setSelected(new Set());
  };
  const mayDispatch = user.permissions.includes('dispatch');
  const title = user.role === 'centre' ? t('desk.titleCentre') : t('desk.title');

  return (
    <div className="work-page desk-page">
      <PageHeader title={title} />
      <main className="desk-main">
        <InboxNav
          inboxes={inboxes}
          current={inbox.key}
          counts={counts.data ?? lastCounts.current}
          onChoose={choose}
          holder={holder}
          onHolder={(h) => {
            setHolder(h);
            setLimit(PAGE);
            setSelected(new Set());
          }}
          places={places}
          connected={connected}
          onRefresh={reload}
        />
        <section className="desk-list work-card" aria-label={t(inbox.label)}>
          <div className="table-tools">
            <h2>{t(inbox.label)}</h2>
            {shown && (
              <span className="table-count">{t('desk.count', { total: shown.total, shown: shown.events.length })}</span>
            )}
          </div>
          {mayDispatch && shown && (
            <BulkDispatchBar
              api={api}
              cases={shown.events.filter((e) => selected.has(e.id))}
              onDone={reload}
              onClear={() => setSelected(new Set())}
            />
          )}
          {!shown && page.status === 'loading' && <p className="form-hint">{t('desk.loading')}</p>}
          {page.status === 'error' && <p className="form-error">{t('desk.error', { message: page.error.message })}</p>}
          {shown && shown.events.length === 0 && <p className="form-hint">{t('desk.empty')}</p>}
          {shown && shown.events.length > 0 && (
            <CaseTable
              rows={shown.events}
              places={places}
              openId={openId}
              onOpen={setOpenId}
              selectable={mayDispatch}
              selected={selected}
              onSelect={setSelected}
            />
          )}
          {shown && shown.total > shown.events.length && (
            <button type="button" className="more" onClick={() => setLimit((n) => n + PAGE)}>
              {t('desk.more', { count: Math.min(PAGE, shown.total - shown.events.length) })}
            </button>
          )}
        </section>
        <CaseDossierPanel
          api={api}
          caseId={openId}
          version={version}
          places={places}
          onChanged={reload}
          onClose={() => setOpenId(null)}
        />
      </main>
    </div>
  );
}
