// What every kind's info panel is given (InfoPanel passes its props on unchanged).
import type { Viewpoint } from '@domain/cameraCoverage';
import type { LonLat } from '@domain/model';
import type { Alarm, GridProperties, TwinApi } from '../../../api/twinApi';
import type { PickRef } from '../../../twin/points/points.model';
import type { TwinData } from '../useTwinData';

export interface InfoProps {
  api: TwinApi;
  selection: PickRef;
  data: TwinData;
  units: ReadonlyMap<string, GridProperties>;
  /** A search hit's text, for things the page holds no record of (buildings). */
  hint?: { label: string; detail: string; position: LonLat } | null;
  onFlyTo(position: LonLat | null, unitId?: string): void;
  /** Stand at a viewpoint (an alarm's best camera); without it the alarm panel does not fly. */
  onFlyToView?(view: Viewpoint): void;
  /** Open another thing's details (a sensor's alarm, an alarm's sensor); `alarm` when it is one already at hand. */
  onSelect?(selection: PickRef, alarm?: Alarm): void;
  /** The selected alarm as the caller has it (the ticker's), shown while it loads. */
  alarm?: Alarm | null;
  /** Where the selected event or alarm lies, once loaded (for the marker and the drill-down path). */
  onPlace?(place: { position: LonLat; gridId: string }): void;
  onClose(): void;
}
