// One agenda case as the meeting sees it: why it is here (the rules' reasons, the centre's note), the
// dossier (facts, photos, tasks, timeline), the spot on a small map, the grid's risk and its main
// factors, and the instruction: issued here by the leader, shown once given.
import { takesInstruction } from '@domain/workflow/instruct';
import type { LeaderAgendaEntry, LeaderCandidate, LeaderDay } from '../../api/leaderDaysApi';
import type { TwinApi } from '../../api/twinApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { departmentName, shortTime } from '../../ui/caseFormat';
import { useResource } from '../../ui/useResource';
import { DossierFacts } from '../desk/DossierFacts';
import type { Places } from '../desk/places';
import { SpotMapView } from '../desk/SpotMapView';
import { TaskTable } from '../desk/TaskTable';
import { Timeline } from '../desk/Timeline';
import { caseTitle } from './caseTitle';
import { InstructionForm } from './InstructionForm';

interface Props {
  api: TwinApi;
  day: LeaderDay;
  entry: LeaderAgendaEntry;
  reasons: LeaderCandidate['reasons'];
  position: number;
  places: Places;
  mayInstruct: boolean;
  /** Why no form is offered (a past month, not the leader), or null. */
  why: MessageKey | null;
  onChanged(next: LeaderDay): void;
}

export function LeaderCaseView({ api, day, entry, reasons, position, places, mayInstruct, why, onChanged }: Props) {
  const { t, lang } = useI18n();
  const locale = locales[lang];
  const dossier = useResource(
    (signal) => api.cases.dossier(entry.eventId, signal),
    // reloaded once the case is instructed (each reload of the day brings a new decision object)
    [api, entry.eventId, entry.decision?.decidedAt],
  );
  const gridId = entry.case?.gridId ?? dossier.data?.gridId ?? null;
  // by day: the current month's asOf is "now", new with every reload of the day
  const riskDay = day.asOf.slice(0, 10);
  const risk = useResource(
    (signal) =>
      gridId ? api.risk({ level: 'grid', top: '1', within: gridId, at: riskDay }, signal) : Promise.resolve([]),
    [api, gridId, riskDay],
  );
  const d = dossier.data;
  const area = risk.data?.[0];
  const factors = area
    ? Object.entries(area.factors)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
    : [];
  const leaderSupervised = !!(d?.leaderSupervisedBy ?? entry.case?.leaderSupervisedBy);
  // the agenda was set from the month's cases; by the meeting one may have been fed back or settled
  const open = !d || takesInstruction(d.status);
  return (
    <>
      <article className="leader-case" aria-label={t('leader.item', { n: position })} data-event={entry.eventId}>
        <header className="leader-case-head">
          <p className="leader-case-no">{t('leader.item', { n: position })}</p>
          <h2>{caseTitle(entry.case ?? d, lang) || entry.eventId}</h2>
          <p className="dossier-chips">
            {d && <span className={`state status-${d.status}`}>{t(`desk.status.${d.status}` as MessageKey)}</span>}
            {d?.overdue && <span className="chip chip-overdue">{t('desk.overdue')}</span>}
            {leaderSupervised && <span className="chip chip-leader">{t('leader.mark')}</span>}
          </p>
        </header>
        <section className="leader-why">
          <h3>{t('leader.why')}</h3>
          <ul>
            {reasons.map((r) => (
              <li key={r.rule} data-rule={r.rule}>
                {lang === 'zh' ? r.zh : r.en}
              </li>
            ))}
            {entry.note && (
              <li className="leader-centre-note">
                {t('leader.centreNote')}：{entry.note}
              </li>
            )}
          </ul>
        </section>
        {dossier.status === 'loading' && !d && <p className="form-hint">{t('leader.caseLoading')}</p>}
        {dossier.status === 'error' && (
          <p className="form-error">{t('leader.caseError', { message: dossier.error.message })}</p>
        )}
        {d && (
          <>
            <DossierFacts dossier={d} names={places.names} />
            {d.photos && d.photos.length > 0 && (
              <section className="dossier-section">
                <h3>{t('leader.photos')}</h3>
                <div className="photos">
                  {[...d.photos]
                    .sort((a, b) => a.seq - b.seq)
                    .map((p) => (
                      <img key={p.id} src={p.url} alt={t('desk.photo', { seq: p.seq })} loading="lazy" />
                    ))}
                </div>
              </section>
            )}
            <TaskTable tasks={d.tasks} names={places.names} />
            <Timeline steps={d.steps} source={d.source} />
          </>
        )}
      </article>
      <aside className="leader-side">
        {d && <SpotMapView places={places} gridId={d.gridId} position={d.position} />}
        <section className="leader-risk">
          <h3>{t('leader.risk')}</h3>
          {entry.risk ? (
            <p className="leader-risk-rank">
              {entry.risk.name} · {t('leader.riskRank', { rank: entry.risk.rank, score: Math.round(entry.risk.score) })}
            </p>
          ) : (
            <p className="form-hint">{t('leader.riskNone')}</p>
          )}
          {factors.length > 0 && (
            <dl className="leader-factors">
              <dt>{t('leader.riskFactors')}</dt>
              {factors.map(([name, v]) => (
                <dd key={name}>
                  {t(`risk.factor.${name}` as MessageKey)} <span className="num">{v.toFixed(1)}</span>
                </dd>
              ))}
            </dl>
          )}
        </section>
        <section className="leader-instruction" aria-label={t('leader.instruction')}>
          <h3>{t('leader.instruction')}</h3>
          {entry.decision ? (
            <div className="leader-decision" data-decided="true">
              <p className="leader-decision-text">{entry.decision.text}</p>
              <p>
                {t('leader.decision.lead', {
                  department: departmentName(entry.decision.leadDepartment, lang),
                  deadline: shortTime(entry.decision.leadDeadlineAt, locale),
                })}
              </p>
              {entry.decision.coHandlers.map((c) => (
                <p key={c.departmentId}>
                  {t('leader.decision.co', {
                    department: departmentName(c.departmentId, lang),
                    deadline: shortTime(c.deadlineAt, locale),
                  })}
                </p>
              ))}
              <p className="form-hint">
                {t('leader.decision.by', {
                  name: entry.decision.decidedByName ?? t('leader.presiding'),
                  at: shortTime(entry.decision.decidedAt, locale),
                })}
              </p>
            </div>
          ) : mayInstruct && open ? (
            <InstructionForm api={api} month={day.month} eventId={entry.eventId} onDone={onChanged} />
          ) : (
            (why || !open) && <p className="form-hint">{t(why ?? 'leader.instruction.notOpen')}</p>
          )}
        </section>
      </aside>
    </>
  );
}
