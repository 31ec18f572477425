// One's own account (我的账号): who the platform knows you as, where you work, your password and
// your two-step verification.
import { DEPARTMENTS } from '@domain/departments';
import { useState } from 'react';
import type { TwinApi } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useSession } from '../../ui/session';
import { useResource } from '../../ui/useResource';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SecondFactorCard } from './SecondFactorCard';

export function AccountPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [saved, setSaved] = useState(false);
  const unit = useResource(
    (signal) => (user.unitId ? api.unit(user.unitId, signal) : Promise.resolve(null)),
    [api, user.unitId],
  );
  const department = DEPARTMENTS.find((d) => d.id === user.departmentId);
  const scope = user.unitId
    ? unit.data
      ? [...unit.data.ancestors.map((a) => a.name), unit.data.name].join(' / ')
      : user.unitId
    : department
      ? department.name
      : t('account.scopeCity');

  return (
    <div className="work-page">
      <PageHeader title={t('account.title')} />
      <main className="work-main work-narrow">
        <section className="work-card">
          <h2>{user.displayName}</h2>
          <dl className="facts">
            <dt>{t('account.username')}</dt>
            <dd>{user.username}</dd>
            <dt>{t('account.role')}</dt>
            <dd>{t(`role.${user.role}` as MessageKey)}</dd>
            <dt>{t('account.scope')}</dt>
            <dd>{scope}</dd>
          </dl>
        </section>
        <section className="work-card">
          <h2>{t('password.title')}</h2>
          {saved && (
            <p className="form-ok" role="status">
              {t('password.saved')}
            </p>
          )}
          <ChangePasswordForm api={api} username={user.username} onChanged={() => setSaved(true)} />
        </section>
        <SecondFactorCard api={api} />
      </main>
    </div>
  );
}
