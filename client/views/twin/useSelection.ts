// The selection of a twin page (see twin/selection/selection.model.ts): opened from the URL's `sel=`,
// written back to it on every change (the view is written by FlightDirector when the camera rests),
// changed by the page's own requests (`select`, a new object each time), and the two choices that also
// fly: a unit (to its bounds) and a search hit (to the unit, or close to the thing).
import { useCallback, useEffect, useReducer } from 'react';
import type { SearchHit } from '../../api/twinApi';
import type { FlightTarget } from '../../twin/flight/flightTarget';
import { twinStateHref } from '../../twin/flight/viewUrl';
import type { GridOutline } from '../../twin/grids/grids.model';
import type { PickRef } from '../../twin/points/points.model';
import { initialSelection, selectionReducer } from '../../twin/selection/selection.model';
import { unitBbox } from '../../twin/selection/whereSelected';

export interface SelectionOptions {
  /** The units' outlines, to fly to a chosen unit (null while they load: no flight). */
  outlines: readonly GridOutline[] | null;
  flyTo(target: FlightTarget): void;
  /** A selection the page asks for (an alarm or event chosen in its ticker); a new object each time. */
  select?: { key: number; selection: PickRef } | null;
}

export function useSelection({ outlines, flyTo, select }: SelectionOptions) {
  const [state, dispatch] = useReducer(selectionReducer, window.location.search, initialSelection);
  const { selection } = state;

  useEffect(() => {
    window.history.replaceState(window.history.state, '', twinStateHref(window.location, undefined, selection));
  }, [selection]);

  useEffect(() => {
    if (select) dispatch({ type: 'pick', ref: select.selection });
  }, [select]);

  const flyToUnit = useCallback(
    (unitId: string) => {
      const bbox = outlines ? unitBbox(outlines, unitId) : null;
      if (bbox) flyTo({ bbox });
    },
    [outlines, flyTo],
  );
  const chooseUnit = useCallback(
    (unitId: string) => {
      dispatch({ type: 'unit', id: unitId });
      flyToUnit(unitId);
    },
    [flyToUnit],
  );
  const chooseHit = useCallback(
    (hit: SearchHit) => {
      dispatch({ type: 'search', hit });
      if (hit.kind === 'unit') flyToUnit(hit.id);
      else flyTo({ point: hit.position, rangeM: 500 });
    },
    [flyToUnit, flyTo],
  );
  return { state, dispatch, chooseUnit, chooseHit };
}

export type Selection = ReturnType<typeof useSelection>;
