// What is selected on a twin page, and what each way of choosing does to it (pure: a reducer; the
// page's useSelection hook holds the state and writes `sel=` to the URL). Besides the selection itself
// it keeps what came with the choice: the search hit (text for things the page holds no record of),
// an alarm a panel already had, and where an event or alarm lies once its panel has loaded it. Each is
// shown only while it belongs to the current selection.
import type { LonLat } from '@domain/model';
import type { Alarm, SearchHit } from '../../api/twinApi';
import { formatSelection, parseSelection } from '../flight/viewUrl';
import type { PickRef } from '../points/points.model';

/** Where an event or alarm lies, as its panel loaded it (one that arrived live is in no list the page holds). */
export interface LoadedPlace {
  /** The selection it belongs to (`kind:id`). */
  ref: string;
  position: LonLat;
  gridId: string;
}

export interface SelectionState {
  selection: PickRef | null;
  hint: SearchHit | null;
  /** An alarm chosen from a panel, shown while the alarm panel loads it. */
  alarm: Alarm | null;
  place: LoadedPlace | null;
}

export type SelectionAction =
  /** A click on the map or a building, or the page's own choice (its ticker): no hint. */
  | { type: 'pick'; ref: PickRef | null }
  /** A search hit: selected, its text kept as the hint. */
  | { type: 'search'; hit: SearchHit }
  /** A step of the drill-down path. */
  | { type: 'unit'; id: string }
  /** A link in a panel (a sensor's alarm, an alarm's sensor), with the alarm when it is at hand. */
  | { type: 'open'; ref: PickRef; alarm?: Alarm }
  /** The panel of `ref` has loaded where it lies. */
  | { type: 'place'; ref: PickRef; position: LonLat; gridId: string }
  /** The panel closed, or home. */
  | { type: 'clear' };

/** The state a page opens with: the URL's `sel=`, nothing else. */
export function initialSelection(search: string): SelectionState {
  return { selection: parseSelection(new URLSearchParams(search).get('sel')), hint: null, alarm: null, place: null };
}

export function selectionReducer(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'pick':
      return { ...state, hint: null, selection: action.ref };
    case 'search':
      return { ...state, hint: action.hit, selection: { kind: action.hit.kind, id: action.hit.id } };
    case 'unit':
      return { ...state, selection: { kind: 'unit', id: action.id } };
    case 'open':
      return { ...state, hint: null, alarm: action.alarm ?? null, selection: action.ref };
    case 'place': {
      const ref = formatSelection(action.ref);
      const p = state.place;
      const [lon, lat] = action.position;
      if (p?.ref === ref && p.gridId === action.gridId && p.position[0] === lon && p.position[1] === lat) return state;
      return { ...state, place: { ref, position: action.position, gridId: action.gridId } };
    }
    case 'clear':
      return { ...state, selection: null };
  }
}

/** The search hit that chose the current selection, if it did. */
export const currentHint = ({ selection, hint }: SelectionState): SearchHit | null =>
  hint && selection && hint.id === selection.id ? hint : null;

/** The alarm at hand for the current selection, if it is that alarm. */
export const currentAlarm = ({ selection, alarm }: SelectionState): Alarm | null =>
  alarm && selection && alarm.id === selection.id ? alarm : null;

/** Where the current selection lies as its panel loaded it, if it has. */
export const currentPlace = ({ selection, place }: SelectionState): LoadedPlace | null =>
  place && selection && place.ref === formatSelection(selection) ? place : null;
