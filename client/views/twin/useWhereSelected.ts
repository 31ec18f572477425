// Where the selection lies, for the scene (the marker, the unit's highlight, the camera's view cone)
// and the drill-down path: twin/selection/whereSelected.ts over the page's data.
import { useMemo } from 'react';
import { currentAlarm, currentPlace, type SelectionState } from '../../twin/selection/selection.model';
import { selectedCamera, selectedOutlines, whereSelected } from '../../twin/selection/whereSelected';
import type { TwinData } from './useTwinData';

export function useWhereSelected(state: SelectionState, data: TwinData) {
  const { selection } = state;
  const loaded = currentPlace(state);
  const alarm = currentAlarm(state);
  const { components, cameras, patrol, sensors, openEvents, drawing } = data;
  const where = useMemo(
    () => whereSelected(selection, { components, cameras, patrol, sensors, openEvents, loaded, alarm }),
    [selection, components, cameras, patrol, sensors, openEvents, loaded, alarm],
  );
  const camera = useMemo(() => selectedCamera(selection, cameras), [selection, cameras]);
  const outlines = useMemo(() => selectedOutlines(selection, drawing?.outlines ?? null), [selection, drawing]);
  return { ...where, camera, outlines };
}
