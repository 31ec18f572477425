// The dispatch's tasks (任务): lead and co-handlers, who, in what state, by when; a pending extension.
import type { CaseTask } from '../../api/casesApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { holderName, shortTime } from '../../ui/caseFormat';

export function TaskTable({ tasks, names }: { tasks: readonly CaseTask[]; names: ReadonlyMap<string, string> }) {
  const { t, lang } = useI18n();
  return (
    <section className="dossier-section">
      <h3>{t('desk.tasks')}</h3>
      {tasks.length === 0 ? (
        <p className="form-hint">{t('desk.noTasks')}</p>
      ) : (
        <table className="task-table">
          <thead>
            <tr>
              <th>{t('desk.task.role')}</th>
              <th>{t('desk.task.assignee')}</th>
              <th>{t('desk.task.state')}</th>
              <th>{t('desk.task.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((k) => (
              <tr key={k.no} className={k.open ? 'open-task' : undefined}>
                <td>{t(k.role === 'lead' ? 'desk.task.lead' : 'desk.task.co')}</td>
                <td>
                  {holderName(k.assignee.id, names, lang, t('desk.holderCentre'))}
                  {k.pendingExtension && (
                    <div className="form-hint">
                      {t('desk.task.extension', { hours: k.pendingExtension.hours, reason: k.pendingExtension.reason })}
                    </div>
                  )}
                </td>
                <td>{t(`desk.taskState.${k.state}` as MessageKey)}</td>
                <td className="nowrap">{shortTime(k.deadlineAt, locales[lang])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
