// A queue's frame: its records loading, failed or listed with their count and a reload.
import type { ReactNode } from 'react';
import type { CreditRecord } from '../../api/creditApi';
import { useI18n } from '../../i18n';
import type { Resource } from '../../ui/useResource';

export function QueueView({
  title,
  loaded,
  onReload,
  children,
}: {
  title: string;
  loaded: Resource<CreditRecord[]>;
  onReload(): void;
  children(records: CreditRecord[]): ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="work-card credit-queue" aria-label={title}>
      <div className="table-tools">
        <h2>{title}</h2>
        {loaded.data && <span className="table-count">{t('credit.count', { count: loaded.data.length })}</span>}
        <button type="button" onClick={onReload}>
          {t('credit.reload')}
        </button>
      </div>
      {loaded.status === 'error' && (
        <p className="form-error">{t('credit.error', { message: loaded.error.message })}</p>
      )}
      {loaded.status === 'loading' && (
        <p className="credit-empty" role="status">
          {t('credit.loading')}
        </p>
      )}
      {loaded.data && children(loaded.data)}
    </section>
  );
}
