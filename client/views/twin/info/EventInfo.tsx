// An event's details: as the server has it now (GET /api/events/:id: one that arrived live, or a
// closed one from the ticker or a link, is in no list the page holds); the open events drawn on the
// map stand in while it loads. Where it lies goes to the page once loaded.
import { useEffect, useRef } from 'react';
import { ApiError } from '../../../api/twinApi';
import { useI18n } from '../../../i18n';
import { useResource } from '../../../ui/useResource';
import { InfoCard, InfoRows } from './InfoCard';
import type { InfoProps } from './infoProps';
import { eventInfo } from './infoRows';
import { useRowContext } from './useRowContext';

export function EventInfo({ api, selection, data, units, onFlyTo, onPlace, onClose }: InfoProps) {
  const { t } = useI18n();
  const ctx = useRowContext(units);
  const event = useResource((signal) => api.event(selection.id, signal), [api, selection.id]);
  const placed = useRef(onPlace);
  placed.current = onPlace;
  useEffect(() => {
    if (event.data) placed.current?.({ position: event.data.position, gridId: event.data.gridId });
  }, [event.data]);

  const e = event.data ?? data.openEvents?.find((x) => x.id === selection.id);
  const content = e ? eventInfo(e, ctx) : null;
  // Not found (404) is no error here: the panel says there is no such event.
  const failed = event.error && !(event.error instanceof ApiError && event.error.status === 404) ? event.error : null;
  return (
    <InfoCard
      selection={selection}
      kind="info.kind.event"
      title={content?.title ?? selection.id}
      onFlyTo={() => onFlyTo(e?.position ?? null)}
      onClose={onClose}
    >
      {!e && event.status === 'loading' ? (
        <p className="panel-loading">{t('status.loading')}</p>
      ) : !e && failed ? (
        <p className="panel-error">{t('status.error', { message: failed.message })}</p>
      ) : (
        <InfoRows rows={content?.rows ?? []} />
      )}
    </InfoCard>
  );
}
