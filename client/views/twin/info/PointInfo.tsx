// The records of the point layers (components, cameras, patrol points): found in the page's lists,
// described by their row builders; a thing not in its list says so.
import type { LonLat } from '@domain/model';
import type { MessageKey } from '../../../i18n';
import { InfoCard, InfoRows } from './InfoCard';
import type { InfoProps } from './infoProps';
import { cameraInfo, componentInfo, type InfoContent, patrolPointInfo, type RowContext } from './infoRows';
import { useRowContext } from './useRowContext';

interface Feature<P> {
  properties: P;
  geometry: { coordinates: unknown[] };
}

interface PointRecordProps<P> extends InfoProps {
  kind: MessageKey;
  list: readonly Feature<P>[] | null;
  describe(record: P, ctx: RowContext): InfoContent;
}

function PointRecordInfo<P extends { id: string }>({
  selection,
  units,
  kind,
  list,
  describe,
  onFlyTo,
  onClose,
}: PointRecordProps<P>) {
  const ctx = useRowContext(units);
  const f = list?.find((x) => x.properties.id === selection.id);
  const content = f ? describe(f.properties, ctx) : null;
  const position = f ? (f.geometry.coordinates as LonLat) : null;
  return (
    <InfoCard
      selection={selection}
      kind={kind}
      title={content?.title ?? selection.id}
      onFlyTo={() => onFlyTo(position)}
      onClose={onClose}
    >
      <InfoRows rows={content?.rows ?? []} />
    </InfoCard>
  );
}

export function ComponentInfo(props: InfoProps) {
  return (
    <PointRecordInfo {...props} kind="info.kind.component" list={props.data.components} describe={componentInfo} />
  );
}

export function CameraInfo(props: InfoProps) {
  return <PointRecordInfo {...props} kind="info.kind.camera" list={props.data.cameras} describe={cameraInfo} />;
}

export function PatrolPointInfo(props: InfoProps) {
  return <PointRecordInfo {...props} kind="info.kind.patrol" list={props.data.patrol} describe={patrolPointInfo} />;
}
