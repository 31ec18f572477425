// The centre's agenda editor (议程编排): the candidates the rules propose, ranked, each with its rules and
// score; the agenda in order, each with the centre's note. Saved as a whole (POST …/cases); the
// server refuses what it must (a case already instructed cannot leave, at most maxAgenda cases).
import { RULE_NAMES } from '@domain/leaderDay/rules';
import { useState } from 'react';
import type { LeaderCandidate, LeaderDay } from '../../api/leaderDaysApi';
import type { TwinApi } from '../../api/twinApi';
import { locales, useI18n } from '../../i18n';
import { shortTime } from '../../ui/caseFormat';
import type { Places } from '../desk/places';
import { caseTitle } from './caseTitle';
import { moved } from './leader.model';

interface Row {
  eventId: string;
  note: string;
  title: string;
  decided: boolean;
}

interface Props {
  api: TwinApi;
  day: LeaderDay;
  places: Places;
  onSaved(next: LeaderDay): void;
}

export function AgendaEditor({ api, day, places, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<Row[]>(() =>
    day.agenda.map((a) => ({
      eventId: a.eventId,
      note: a.note ?? '',
      title: caseTitle(a.case, lang) || a.eventId,
      decided: !!a.decision,
    })),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const onAgenda = new Set(rows.map((r) => r.eventId));
  const full = rows.length >= day.maxAgenda;

  const add = (c: LeaderCandidate) =>
    setRows((rs) => [
      ...rs,
      { eventId: c.eventId, note: '', title: caseTitle(c.case, lang) || c.eventId, decided: false },
    ]);

  async function save() {
    setSaving(true);
    setMessage(null);
    try {
      const next = await api.leaderDays.setAgenda(day.month, {
        cases: rows.map((r) => ({ eventId: r.eventId, ...(r.note.trim() ? { note: r.note.trim() } : {}) })),
      });
      setMessage({ ok: true, text: t('leader.saved', { count: next.agenda.length }) });
      onSaved(next);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <main className="leader-editor">
      <section className="work-card leader-candidates">
        <h2>{t('leader.candidates')}</h2>
        {day.candidates.length === 0 ? (
          <p className="form-hint">{t('leader.candidatesEmpty')}</p>
        ) : (
          <table className="leader-table">
            <thead>
              <tr>
                <th>{t('leader.col.case')}</th>
                <th>{t('leader.col.place')}</th>
                <th>{t('leader.col.rules')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {day.candidates.map((c) => (
                <tr key={c.eventId} data-event={c.eventId}>
                  <td>
                    <strong>{caseTitle(c.case, lang) || c.eventId}</strong>
                    {c.case && <div className="form-hint">{shortTime(c.case.reportedAt, locales[lang])}</div>}
                  </td>
                  <td>{c.case ? (places.names.get(c.case.gridId) ?? c.case.gridId) : '—'}</td>
                  <td>
                    <ul className="rule-chips">
                      {c.reasons.map((r) => (
                        <li key={r.rule} className="chip" title={lang === 'zh' ? r.zh : r.en}>
                          {RULE_NAMES[r.rule][lang]}
                        </li>
                      ))}
                    </ul>
                    <span className="form-hint">{t('leader.candidateScore', { score: Math.round(c.score) })}</span>
                  </td>
                  <td>
                    {onAgenda.has(c.eventId) ? (
                      <span className="form-hint">{t('leader.onAgenda')}</span>
                    ) : (
                      <button type="button" disabled={full} onClick={() => add(c)}>
                        {t('leader.add')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="work-card leader-agenda-edit">
        <h2>
          {t('leader.agenda')} <span className="form-hint">{t('leader.cap', { max: day.maxAgenda })}</span>
        </h2>
        <ol>
          {rows.map((r, i) => (
            <li key={r.eventId} data-event={r.eventId}>
              <span className="rail-no">{i + 1}</span>
              <span className="rail-title">{r.title}</span>
              <input
                aria-label={`${t('leader.notePlaceholder')} ${i + 1}`}
                placeholder={t('leader.notePlaceholder')}
                value={r.note}
                maxLength={500}
                onChange={(e) =>
                  setRows((rs) => rs.map((x) => (x.eventId === r.eventId ? { ...x, note: e.target.value } : x)))
                }
              />
              <button type="button" disabled={i === 0} onClick={() => setRows((rs) => moved(rs, i, -1))}>
                {t('leader.moveUp')}
              </button>
              <button type="button" disabled={i === rows.length - 1} onClick={() => setRows((rs) => moved(rs, i, 1))}>
                {t('leader.moveDown')}
              </button>
              <button
                type="button"
                disabled={r.decided}
                onClick={() => setRows((rs) => rs.filter((x) => x.eventId !== r.eventId))}
              >
                {t('leader.remove')}
              </button>
            </li>
          ))}
        </ol>
        {message && (
          <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
          {t(saving ? 'leader.saving' : 'leader.save')}
        </button>
      </section>
    </main>
  );
}
