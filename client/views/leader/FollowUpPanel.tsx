// Last month's supervised cases as they stand (督办跟踪): settled or in hand, the lead department and its
// deadline, and a flag on those past it (their deductions weigh more in the assessment).
import type { LeaderDay } from '../../api/leaderDaysApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { departmentName, shortTime } from '../../ui/caseFormat';
import type { Places } from '../desk/places';
import { caseTitle } from './caseTitle';

export function FollowUpPanel({ followUp, places }: { followUp: LeaderDay['followUp']; places: Places }) {
  const { t, lang } = useI18n();
  return (
    <main className="leader-follow">
      <section className="work-card">
        <h2>{t('leader.followUpTitle', { month: followUp.month })}</h2>
        {followUp.cases.length === 0 ? (
          <p className="form-hint">{t('leader.followUpEmpty')}</p>
        ) : (
          <table className="leader-table follow-table">
            <thead>
              <tr>
                <th>{t('leader.col.case')}</th>
                <th>{t('leader.col.place')}</th>
                <th>{t('leader.col.lead')}</th>
                <th>{t('leader.col.deadline')}</th>
                <th>{t('leader.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {followUp.cases.map((c) => (
                <tr key={c.eventId} data-event={c.eventId} data-flagged={c.flagged || undefined}>
                  <td>
                    <strong>{caseTitle(c.case, lang) || c.eventId}</strong>
                    <div className="form-hint">{c.decision.text}</div>
                  </td>
                  <td>{c.case ? (places.names.get(c.case.gridId) ?? c.case.gridId) : '—'}</td>
                  <td>{departmentName(c.decision.leadDepartment, lang)}</td>
                  <td className="nowrap">{shortTime(c.decision.leadDeadlineAt, locales[lang])}</td>
                  <td>
                    {c.case && (
                      <span className={`state status-${c.case.status}`}>
                        {t(`desk.status.${c.case.status}` as MessageKey)}
                      </span>
                    )}{' '}
                    {c.closed ? (
                      <span className="chip chip-decided">{t('leader.followUp.closed')}</span>
                    ) : c.flagged ? (
                      <span className="chip chip-overdue">{t('leader.followUp.flagged')}</span>
                    ) : (
                      <span className="chip">{t('leader.followUp.open')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
