// 申诉待决: appealed records, with the grounds as given. A third person decides (neither the proposer
// nor the confirmer), upheld (the record is revoked) or dismissed, with a reason.
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import { decideBlock, mayReview } from './credit.model';
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

export function AppealQueue({ api, tick, onChanged, onArchive }: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const loaded = useRecords(api, [{ queue: 'appeals' }], tick);
  return (
    <QueueView title={t('credit.tab.appeals')} loaded={loaded} onReload={onChanged}>
      {(records) => (
        <RecordTable
          records={records}
          onArchive={onArchive}
          note={(r) => {
            const appeal = r.steps.findLast((s) => s.action === 'appeal');
            if (!appeal) return null;
            return (
              <div className="credit-sub credit-grounds">
                {appeal.reason}
                {appeal.detail?.statement && <div>{t('credit.step.statement', { text: appeal.detail.statement })}</div>}
              </div>
            );
          }}
          actions={(r) =>
            mayReview(user.role) ? (
              <StepForm
                api={api}
                record={r}
                action="decide"
                label="credit.decide"
                asks="outcome"
                blocked={decideBlock(r, user.userId, user.role)}
                primary
                onDone={onChanged}
              />
            ) : null
          }
        />
      )}
    </QueueView>
  );
}
