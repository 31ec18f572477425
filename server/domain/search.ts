// A hit of the map's search (检索): non-personal records only, each with a position to fly to.
import type { LonLat } from './model';

export type SearchKind = 'unit' | 'component' | 'camera' | 'building';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** What the user sees: a unit's or building's name/address, a component's or camera's code. */
  label: string;
  /** A second line: the unit's level, the component's subtype, the camera's owner, the building's use. */
  detail: string;
  position: LonLat;
}
