// How a panel says its data did not come: a route not on this server (404) is "not available", and the
// rest of the page goes on; any other failure is an error with the server's message.
import { ApiError } from '../../api/apiError';
import { useI18n } from '../../i18n';
import type { Resource } from '../../ui/useResource';

export function ResourceNote<T>({ resource, what }: { resource: Resource<T>; what: string }) {
  const { t } = useI18n();
  if (resource.status === 'loading') return <p className="analyst-note">{t('analyst.loading')}</p>;
  if (resource.status === 'ready') return null;
  const { error } = resource;
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 501 || error.status === 503);
  return (
    <p className={missing ? 'analyst-note unavailable' : 'analyst-note error'} role="status">
      {missing
        ? t('analyst.unavailable', { what, message: error.message })
        : t('analyst.error', { message: error.message })}
    </p>
  );
}
