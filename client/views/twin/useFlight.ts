// The page's flight requests (search hits, the drill-down path, the info panel): the latest request
// for the FlightDirector, and the function that asks for the next one.
import { useCallback, useState } from 'react';
import { type FlightRequest, type FlightTarget, nextFlight } from '../../twin/flight/flightTarget';

export function useFlight(): [FlightRequest | null, (target: FlightTarget) => void] {
  const [flight, setFlight] = useState<FlightRequest | null>(null);
  const flyTo = useCallback((target: FlightTarget) => setFlight((previous) => nextFlight(previous, target)), []);
  return [flight, flyTo];
}
