// 待确认: proposals waiting for a second person. The proposer sees the confirm button disabled with the
// reason; a rejection needs a reason. The proposer may withdraw their own proposal, with a reason.
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import { confirmBlock, mayReview } from './credit.model';
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

export function ConfirmQueue({ api, tick, onChanged, onArchive }: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const loaded = useRecords(api, [{ queue: 'confirm' }], tick);
  return (
    <QueueView title={t('credit.tab.confirm')} loaded={loaded} onReload={onChanged}>
      {(records) => (
        <RecordTable
          records={records}
          onArchive={onArchive}
          actions={(r) => {
            const blocked = confirmBlock(r, user.userId, user.role);
            // the proposer may take their own proposal back (with a reason), whatever their role
            const withdraw = r.proposedBy.id === user.userId && (
              <StepForm
                api={api}
                record={r}
                action="withdraw"
                label="credit.withdraw"
                asks="reason"
                onDone={onChanged}
              />
            );
            if (!mayReview(user.role)) return withdraw || null;
            return (
              <>
                <StepForm
                  api={api}
                  record={r}
                  action="confirm"
                  label="credit.confirm"
                  blocked={blocked}
                  primary
                  onDone={onChanged}
                />
                {!blocked && (
                  <StepForm
                    api={api}
                    record={r}
                    action="reject"
                    label="credit.reject"
                    asks="reason"
                    onDone={onChanged}
                  />
                )}
              </>
            );
          }}
        />
      )}
    </QueueView>
  );
}
