// The open case's dossier (案卷): its facts, the spot on a small map, photos, tasks, the timeline, and
// the actions this user may take now. Reloads with the desk (a live change, an action).
import { findItem } from '@domain/taxonomy';
import { useRef } from 'react';
import type { CaseDossier } from '../../api/casesApi';
import type { TwinApi, UnitSummary } from '../../api/twinApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { shortTime } from '../../ui/caseFormat';
import { useSession } from '../../ui/session';
import { useResource } from '../../ui/useResource';
import { ActionPanel } from './ActionPanel';
import { allowedActions } from './caseActions.model';
import { DossierFacts } from './DossierFacts';
import type { Places } from './places';
import { SpotMapView } from './SpotMapView';
import { TaskTable } from './TaskTable';
import { Timeline } from './Timeline';

interface Props {
  api: TwinApi;
  caseId: string | null;
  version: number;
  places: Places;
  onChanged(): void;
  onClose(): void;
}

export function CaseDossierPanel({ api, caseId, version, places, onChanged, onClose }: Props) {
  const { t } = useI18n();
  const dossier = useResource(
    (signal) => (caseId ? api.cases.dossier(caseId, signal) : Promise.resolve(null)),
    [api, caseId, version],
  );
  const last = useRef<CaseDossier | null>(null);
  if (dossier.status === 'ready') last.current = dossier.data;
  const shown = dossier.data ?? (last.current?.id === caseId ? last.current : null);
  const gridId = shown?.gridId;
  // The grid's place in the tree: the names of the units above it, and who may verify there.
  const unit = useResource((signal) => (gridId ? api.unit(gridId, signal) : Promise.resolve(null)), [api, gridId]);

  if (!caseId)
    return (
      <aside className="desk-dossier work-card" aria-label={t('desk.dossier')}>
        <p className="form-hint">{t('desk.pick')}</p>
      </aside>
    );
  return (
    <aside className="desk-dossier work-card" aria-label={t('desk.dossier')}>
      {!shown && dossier.status === 'loading' && <p className="form-hint">{t('desk.dossierLoading')}</p>}
      {dossier.status === 'error' && (
        <p className="form-error">{t('desk.dossierError', { message: dossier.error.message })}</p>
      )}
      {shown && (
        <Dossier
          api={api}
          dossier={shown}
          unit={unit.data ?? null}
          places={places}
          onChanged={onChanged}
          onClose={onClose}
        />
      )}
    </aside>
  );
}

function Dossier({
  api,
  dossier: d,
  unit,
  places,
  onChanged,
  onClose,
}: {
  api: TwinApi;
  dossier: CaseDossier;
  unit: UnitSummary | null;
  places: Places;
  onChanged(): void;
  onClose(): void;
}) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const item = findItem(d.itemCode);
  const gridPath = unit ? [...unit.ancestors.map((a) => a.id), unit.id] : [];
  const actions = allowedActions(
    { role: user.role, unitId: user.unitId, departmentId: user.departmentId },
    { ...d, gridPath },
  );
  const names = new Map(places.names);
  for (const a of unit?.ancestors ?? []) names.set(a.id, a.name);
  return (
    <>
      <header className="dossier-head">
        <div>
          <h2>
            <span className="mono">{d.code}</span> {item ? (lang === 'zh' ? item.name : item.nameEn) : d.itemCode}
          </h2>
          <p className="dossier-chips">
            <span className={`state status-${d.status}`}>{t(`desk.status.${d.status}` as MessageKey)}</span>
            {d.overdue && <span className="chip chip-overdue">{t('desk.overdue')}</span>}
            {d.supervisedBy && <span className="chip chip-supervised">{t('desk.supervised')}</span>}
            {d.leaderSupervisedBy && <span className="chip chip-leader">{t('leader.mark')}</span>}
            {d.longTerm && <span className="chip chip-longterm">{t('desk.longTerm')}</span>}
            <span className="form-hint">{shortTime(d.reportedAt, locales[lang])}</span>
          </p>
        </div>
        <button type="button" onClick={onClose} aria-label={t('desk.close')}>
          ×
        </button>
      </header>
      <ActionPanel key={d.id} api={api} dossier={d} actions={actions} units={unit} onChanged={onChanged} />
      <div className="dossier-body">
        <DossierFacts dossier={d} names={names} />
        <SpotMapView places={places} gridId={d.gridId} position={d.position} />
      </div>
      {d.photos && d.photos.length > 0 && (
        <section className="dossier-section">
          <h3>{t('desk.photos')}</h3>
          <div className="photos">
            {[...d.photos]
              .sort((a, b) => a.seq - b.seq)
              .map((p) => (
                <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                  <img src={p.url} alt={t('desk.photo', { seq: p.seq })} loading="lazy" />
                </a>
              ))}
          </div>
        </section>
      )}
      <TaskTable tasks={d.tasks} names={names} />
      <Timeline steps={d.steps} source={d.source} />
    </>
  );
}
