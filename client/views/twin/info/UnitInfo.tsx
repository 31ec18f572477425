// A unit's details: its level, and its six elements and credit activity (aggregate) from GET /api/grids/:id once loaded. Its fly-to
// chooses the unit (the page flies to its bounds).
import { useResource } from '../../../ui/useResource';
import { CreditAggregate } from '../../credit/CreditAggregate';
import { InfoCard, InfoRows } from './InfoCard';
import type { InfoProps } from './infoProps';
import { unitInfo } from './infoRows';
import { useRowContext } from './useRowContext';

export function UnitInfo({ api, selection, units, onFlyTo, onClose }: InfoProps) {
  const ctx = useRowContext(units);
  const summary = useResource((signal) => api.unit(selection.id, signal), [api, selection.id]);
  const unit = units.get(selection.id);
  const content = unit ? unitInfo(unit, summary.data ?? null, ctx) : null;
  return (
    <InfoCard
      selection={selection}
      kind="info.kind.unit"
      title={content?.title ?? selection.id}
      onFlyTo={() => onFlyTo(null, selection.id)}
      onClose={onClose}
    >
      <InfoRows rows={content?.rows ?? []} />
      <CreditAggregate credit={summary.data?.credit} />
    </InfoCard>
  );
}
