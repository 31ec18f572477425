// The info panel (详情): what was clicked or found, in the user's language, with a fly-to. One small
// component per kind of thing (info/), chosen here; they share the frame and the rows (info/InfoCard)
// and build their rows with pure functions (info/infoRows). Points' details come from the layers' own
// data; an event's and a unit's are loaded; a sensor's and an alarm's live panels load and follow
// their own data (panels/sensor, panels/alarm).
import type { ComponentType } from 'react';
import type { PickKind } from '../../twin/points/points.model';
import { BuildingInfo } from './info/BuildingInfo';
import { EventInfo } from './info/EventInfo';
import type { InfoProps } from './info/infoProps';
import { AlarmInfo, SensorInfo } from './info/LivePanelInfo';
import { CameraInfo, ComponentInfo, PatrolPointInfo } from './info/PointInfo';
import { UnitInfo } from './info/UnitInfo';

export type InfoPanelProps = InfoProps;

const infoByKind: Record<PickKind, ComponentType<InfoProps>> = {
  component: ComponentInfo,
  camera: CameraInfo,
  'patrol-point': PatrolPointInfo,
  sensor: SensorInfo,
  alarm: AlarmInfo,
  event: EventInfo,
  building: BuildingInfo,
  unit: UnitInfo,
};

export function InfoPanel(props: InfoPanelProps) {
  const Info = infoByKind[props.selection.kind];
  return <Info {...props} />;
}
