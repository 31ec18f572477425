// The tour's stops for the city as loaded (see twin/tour/tour.model.ts); none while there is no tour.

import { useMemo } from 'react';
import type { GridProperties } from '../../api/twinApi';
import { cityTourStops, type TourStop } from '../../twin/tour/tour.model';
import type { TwinData } from './useTwinData';

export function useTourStops(
  enabled: boolean,
  units: ReadonlyMap<string, GridProperties>,
  { drawing, openEvents }: Pick<TwinData, 'drawing' | 'openEvents'>,
): TourStop[] {
  return useMemo(
    () => (enabled && drawing ? cityTourStops(units.values(), drawing.outlines, openEvents) : []),
    [enabled, drawing, openEvents, units],
  );
}
