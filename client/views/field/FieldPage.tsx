// The grid worker's phone page (/field, 网格员): report a case, then work their own — the cases
// waiting on them (holder=me) and every open case of their grid — with the actions the server allows.
// The lists follow the live stream: a case reported, dispatched or closed anywhere in their scope
// reloads them within a second.
import './field.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fieldApi } from '../../api/fieldApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { AppNav } from '../../ui/AppNav';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useSession } from '../../ui/session';
import { UserBadge } from '../../ui/UserBadge';
import { useResource } from '../../ui/useResource';
import { CaseCard } from './CaseCard';
import type { LonLat } from './field.model';
import type { MapShape } from './GridMap';
import { ReportForm } from './ReportForm';
import { useKept } from './useKept';

type Tab = 'report' | 'inbox' | 'grid';

const TABS: readonly Tab[] = ['report', 'inbox', 'grid'];
/** ?tab=inbox opens the worker's tasks (a link from a notification); the report form otherwise. */
const initialTab = (): Tab => {
  const asked = new URLSearchParams(window.location.search).get('tab');
  return TABS.find((t) => t === asked) ?? 'report';
};

export function FieldPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [version, setVersion] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const inbox = useKept(useResource((signal) => fieldApi.events('holder=me&open=true&limit=100', signal), [version]));
  const grid = useKept(useResource((signal) => fieldApi.events('open=true&limit=100', signal), [version]));
  const grids = useResource((signal) => api.grids({ level: 'grid' }, signal), [api]);

  // Any case change in the worker's scope reloads the lists (coalesced: one reload per burst).
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const sub = api.live({
      onEvent: () => {
        if (pending.current) return;
        pending.current = setTimeout(() => {
          pending.current = null;
          reload();
        }, 300);
      },
    });
    return () => {
      sub.close();
      if (pending.current) clearTimeout(pending.current);
    };
  }, [api, reload]);

  const shapes = useMemo<MapShape[]>(() => {
    const features = grids.data?.features ?? [];
    const mine = features.filter((f) => f.properties.id === user.unitId || f.properties.parentId === user.unitId);
    if (mine.length === 0) return [];
    const box = (f: (typeof features)[number]) => {
      const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]) as
        | LonLat[]
        | undefined;
      const lons = (ring ?? []).map((p) => p[0]);
      const lats = (ring ?? []).map((p) => p[1]);
      return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    };
    const [a, b, c, d] = mine
      .map(box)
      .reduce((u, x) => [
        Math.min(u[0]!, x[0]!),
        Math.min(u[1]!, x[1]!),
        Math.max(u[2]!, x[2]!),
        Math.max(u[3]!, x[3]!),
      ]);
    const near = features.filter((f) => {
      if (mine.includes(f)) return false;
      const [e, g, h, k] = box(f);
      return h! >= a! && e! <= c! && k! >= b! && g! <= d!;
    });
    return [
      ...near.map((f) => ({ id: f.properties.id, mine: false, geometry: f.geometry })),
      ...mine.map((f) => ({ id: f.properties.id, mine: true, geometry: f.geometry })),
    ];
  }, [grids.data, user.unitId]);
  const dots = useMemo(() => (grid.data?.events ?? []).map((e) => e.position as LonLat), [grid.data]);

  const list = tab === 'inbox' ? inbox : grid;
  const count = (r: typeof inbox) => (r.data ? ` (${r.data.total})` : '');

  return (
    <div className="work-page field-page">
      <header className="field-header">
        <div className="field-header-row">
          <h1 className="field-title">{t('field.title')}</h1>
          <UserBadge />
          <LanguageSwitch />
        </div>
        <AppNav />
      </header>
      <div className="field-tabs" role="tablist">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className="field-tab"
            onClick={() => {
              setTab(k);
              setNotice(null);
            }}
          >
            {t(`field.tab.${k}`)}
            {k === 'inbox' && count(inbox)}
            {k === 'grid' && count(grid)}
          </button>
        ))}
      </div>
      <main className="field-main">
        {notice && (
          <p className="field-ok" role="status">
            {notice}
          </p>
        )}
        {tab === 'report' ? (
          <ReportForm
            api={fieldApi}
            shapes={shapes}
            dots={dots}
            onReported={(code) => {
              setNotice(t('field.reported', { code }));
              reload();
              setTab('grid');
            }}
            onOpenCase={(id) => {
              setOpenId(id);
              setTab('grid');
            }}
          />
        ) : (
          <section>
            <div className="field-row field-list-tools">
              <button type="button" className="field-link" onClick={reload}>
                {t('field.refresh')}
              </button>
            </div>
            {list.status === 'loading' && !list.data && <p className="field-hint">{t('field.inbox.loading')}</p>}
            {list.status === 'error' && (
              <p className="field-problem">{t('status.error', { message: list.error?.message ?? '' })}</p>
            )}
            {list.data?.events.length === 0 && (
              <p className="field-hint">{t(tab === 'inbox' ? 'field.inbox.empty' : 'field.grid.empty')}</p>
            )}
            <ul className="field-cases">
              {list.data?.events.map((e) => (
                <CaseCard
                  key={e.id}
                  api={fieldApi}
                  event={e}
                  open={openId === e.id}
                  onToggle={() => setOpenId(openId === e.id ? null : e.id)}
                  onChanged={(done) => {
                    if (done) setNotice(`${e.code}：${done}`);
                    reload();
                  }}
                />
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
