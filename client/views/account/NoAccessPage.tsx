// A page the signed-in role may not open: say so, and leave the header's links to go where it may.

import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useSession } from '../../ui/session';

export function NoAccessPage() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <div className="work-page">
      <PageHeader title={t('noAccess.title')} />
      <main className="work-main">
        <section className="work-card">
          <h2>{t('noAccess.title')}</h2>
          <p>{t('noAccess.text', { role: t(`role.${user.role}` as MessageKey) })}</p>
        </section>
      </main>
    </div>
  );
}
