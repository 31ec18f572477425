import { useEffect } from 'react';
import { useCesium } from 'resium';
import { reportTwinStatus } from './readiness';
import { whenGlobeSettled } from './sceneEvents';

export interface TwinReadinessProps {
  /** Grid features drawn, or null until the grid layer has drawn. */
  gridFeatures: number | null;
  /** The opening flight is over (arrived or cancelled). */
  flightDone: boolean;
  error?: string | null;
}

/** Reports the twin ready once the layers have drawn, the flight is over and the globe has settled. */
export function TwinReadiness({ gridFeatures, flightDone, error }: TwinReadinessProps) {
  const { scene } = useCesium();
  useEffect(() => {
    if (error) return reportTwinStatus({ ready: false, error });
    reportTwinStatus({ ready: false });
    if (!scene || gridFeatures === null || !flightDone) return;
    const abort = new AbortController();
    void whenGlobeSettled(scene, 20_000, abort.signal).then(() => {
      if (!abort.signal.aborted) reportTwinStatus({ ready: true, gridFeatures });
    });
    return () => abort.abort();
  }, [scene, gridFeatures, flightDone, error]);
  return null;
}
