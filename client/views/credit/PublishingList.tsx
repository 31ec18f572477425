// 公示中: confirmed records waiting to be published, then records in their publication window with the
// days left. A published record may be appealed on the resident's behalf: their statement and the grounds.
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import { mayAppeal, mayReview, publishingOrder } from './credit.model';
import { QueueView } from './QueueView';
import { RecordTable } from './RecordTable';
import { StepForm } from './StepForm';
import { useRecords } from './useRecords';

interface Props {
  api: TwinApi;
  tick: number;
  onChanged(): void;
  onArchive(residentId: string): void;
}

export function PublishingList({ api, tick, onChanged, onArchive }: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const loaded = useRecords(api, [{ queue: 'all', state: 'confirmed' }, { queue: 'publishing' }], tick);
  const reviewer = mayReview(user.role);
  return (
    <QueueView title={t('credit.inPublication')} loaded={loaded} onReload={onChanged}>
      {(records) => (
        <RecordTable
          records={publishingOrder(records)}
          window
          onArchive={onArchive}
          actions={(r) =>
            !reviewer ? null : r.state === 'confirmed' ? (
              <StepForm api={api} record={r} action="publish" label="credit.publish" primary onDone={onChanged} />
            ) : mayAppeal(r) ? (
              <StepForm api={api} record={r} action="appeal" label="credit.appeal" asks="appeal" onDone={onChanged} />
            ) : null
          }
        />
      )}
    </QueueView>
  );
}
