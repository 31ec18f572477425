// The timeline (流转记录): each step's time, action, who in which role, and the note; newest last.
import type { CaseStepView } from '../../api/casesApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { shortTime } from '../../ui/caseFormat';

export function Timeline({ steps, source }: { steps: readonly CaseStepView[]; source: string }) {
  const { t, lang } = useI18n();
  const who = (s: CaseStepView) => {
    if (s.role === 'system') return t('desk.step.system');
    if (!s.role) return t(`desk.source.${source}` as MessageKey);
    const role = t(`role.${s.role}` as MessageKey);
    return s.actorName ? t('desk.step.who', { name: s.actorName, role }) : role;
  };
  return (
    <section className="dossier-section">
      <h3>{t('desk.timeline')}</h3>
      <ol className="timeline">
        {steps.map((s) => (
          <li key={s.seq} data-action={s.action}>
            <span className="timeline-at nowrap">{shortTime(s.at, locales[lang])}</span>
            <span className="timeline-action">{t(`desk.action.${s.action}` as MessageKey)}</span>
            <span className="timeline-who">{who(s)}</span>
            {s.note && <span className="timeline-note">{s.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
