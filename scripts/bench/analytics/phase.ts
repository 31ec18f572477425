// One phase of `npm run bench:analytics`: what it measures, on one store at a time. A new phase (the
// heat layer, the drill-down, the forecast) is one file each, listed in PHASES below.
import type { Db } from '../../../server/store/db';
import { drilldownPhase } from './drilldown';
import { forecastPhase } from './forecast';
import { heatPhase } from './heat';
import { riskPhase } from './risk';

export interface PhaseContext {
  db: Db;
  /** Which store: '1x', '10x', '100x' (the case history multiplied). */
  label: string;
  /** The dataset's today: where the history ends. */
  today: string;
  runs: number;
  log: (message: string) => void;
}

export interface AnalyticsPhase {
  name: string;
  /** Measures on one store; returns the phase's JSON for that store. */
  measure(ctx: PhaseContext): Promise<Record<string, unknown>>;
}

export const PHASES: readonly AnalyticsPhase[] = [riskPhase, heatPhase, drilldownPhase, forecastPhase];
