// The session (调度会): the agenda down the side, one case at a time in the middle with its dossier,
// and beside it the place, the grid's risk and the instruction. Arrow keys page through the agenda.
import { RULE_NAMES } from '@domain/leaderDay/rules';
import { useEffect, useState } from 'react';
import type { LeaderDay } from '../../api/leaderDaysApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import type { Places } from '../desk/places';
import { caseTitle } from './caseTitle';
import { LeaderCaseView } from './LeaderCaseView';

interface Props {
  api: TwinApi;
  day: LeaderDay;
  places: Places;
  /** The month is the current one: only then does the leader instruct. */
  current: boolean;
  mayInstruct: boolean;
  mayEdit: boolean;
  onChanged(next: LeaderDay): void;
  /** Opens the agenda editor (the centre, when the agenda is empty). */
  onEditAgenda(): void;
}

export function SessionView({ api, day, places, current, mayInstruct, mayEdit, onChanged, onEditAgenda }: Props) {
  const { t, lang } = useI18n();
  const [index, setIndex] = useState(0);
  const agenda = day.agenda;
  const at = Math.min(index, Math.max(0, agenda.length - 1));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (typing) return;
      if (e.key === 'ArrowDown' || e.key === 'PageDown') setIndex((i) => Math.min(agenda.length - 1, i + 1));
      if (e.key === 'ArrowUp' || e.key === 'PageUp') setIndex((i) => Math.max(0, i - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [agenda.length]);

  if (agenda.length === 0)
    return (
      <p className="leader-note leader-empty">
        {t(mayEdit ? 'leader.agendaEmpty' : 'leader.agendaEmptyLeader')}{' '}
        {mayEdit && (
          <button type="button" className="primary" onClick={onEditAgenda}>
            {t('leader.tab.agenda')}
          </button>
        )}
      </p>
    );
  const entry = agenda[at]!;
  const candidate = day.candidates.find((c) => c.eventId === entry.eventId) ?? null;
  return (
    <main className="leader-session">
      <nav className="leader-rail" aria-label={t('leader.agenda')}>
        <h2>{t('leader.agenda')}</h2>
        <ol>
          {agenda.map((a, i) => (
            <li key={a.eventId}>
              <button
                type="button"
                aria-current={i === at ? 'true' : undefined}
                data-event={a.eventId}
                onClick={() => setIndex(i)}
              >
                <span className="rail-no">{i + 1}</span>
                <span className="rail-title">{caseTitle(a.case, lang) || a.eventId}</span>
                <span className={`chip ${a.decision ? 'chip-decided' : 'chip-pending'}`}>
                  {t(a.decision ? 'leader.decided' : 'leader.pending')}
                </span>
                <span className="rail-rules">
                  {a.rules.map((r) => RULE_NAMES[r][lang]).join(' · ') || t('leader.centreNote')}
                </span>
              </button>
            </li>
          ))}
        </ol>
        <div className="rail-pager">
          <button type="button" disabled={at === 0} onClick={() => setIndex(at - 1)}>
            {t('leader.prev')}
          </button>
          <span>
            {at + 1} / {agenda.length}
          </span>
          <button type="button" disabled={at >= agenda.length - 1} onClick={() => setIndex(at + 1)}>
            {t('leader.next')}
          </button>
        </div>
      </nav>
      <LeaderCaseView
        key={entry.eventId}
        api={api}
        day={day}
        entry={entry}
        reasons={candidate?.reasons ?? []}
        position={at + 1}
        places={places}
        mayInstruct={mayInstruct && current}
        why={!current ? 'leader.instruction.notNow' : mayInstruct ? null : 'leader.instruction.onlyLeader'}
        onChanged={onChanged}
      />
    </main>
  );
}
