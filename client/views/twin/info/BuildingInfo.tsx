// A building as its search hit names it (the page holds no record of buildings).
import { InfoCard, InfoRows } from './InfoCard';
import type { InfoProps } from './infoProps';
import { buildingInfo } from './infoRows';
import { useRowContext } from './useRowContext';

export function BuildingInfo({ selection, units, hint, onFlyTo, onClose }: InfoProps) {
  const ctx = useRowContext(units);
  const content = hint ? buildingInfo(hint, ctx) : null;
  return (
    <InfoCard
      selection={selection}
      kind="info.kind.building"
      title={content?.title ?? selection.id}
      onFlyTo={() => onFlyTo(hint?.position ?? null)}
      onClose={onClose}
    >
      <InfoRows rows={content?.rows ?? []} />
    </InfoCard>
  );
}
