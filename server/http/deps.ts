// What the routes are given: the store and the clock (injected, so tests fix "now").
import type { SecondFactorConfig } from '../auth/secondFactor';
import type { CreditRules } from '../domain/credit/rules';
import type { LeaderDayConfig } from '../domain/leaderDay/config';
import type { RiskConfig } from '../domain/risk/config';
import type { Ingest } from '../ingest';
import type { Readiness } from '../ops/readiness';
import type { Db } from '../store/db';
import type { AnswerCache } from './answerCache';

export interface Deps {
  db: Db;
  /** The platform's "now", ISO 8601 (the reference dataset's today, or the wall clock). */
  now: () => string;
  startedAt: number;
  /** Live sensing, when the server runs it (absent: sensing routes read the store only). */
  ingest?: Ingest | null;
  /** The city model's 3D Tiles folder (served under /api/tiles/); absent: none. */
  tilesDir?: string;
  /** TOTP: the seeds' key and the roles that must have a second factor; absent: no key, nobody required. */
  secondFactor?: SecondFactorConfig;
  /** Whether the server may take traffic (GET /api/health/ready); absent: the store is asked alone. */
  readiness?: () => Promise<Readiness>;
  /** Uploaded photos: the folder they are kept in by content hash, and the largest accepted; absent: no photo routes (503). */
  photos?: { dir: string; maxBytes: number };
  /** Answers built once per data version (layers, aggregates); absent: the app makes its own. */
  answers?: AnswerCache;
  /** The risk model's configuration, read at start; absent: the app reads config/risk.json. */
  risk?: RiskConfig;
  /** The leader day's configuration, read at start; absent: the app reads config/leader-day.json. */
  leaderDay?: LeaderDayConfig;
  /** The credit rules catalogue, read at start; absent: the app reads config/credit-rules.json. */
  credit?: CreditRules;
}

/** What the routes get: the deps with the app's answer cache, the risk configuration, and the app itself for in-process requests. */
export type RouteDeps = Deps & {
  answers: AnswerCache;
  risk: RiskConfig;
  leaderDay: LeaderDayConfig;
  credit: CreditRules;
  /** Runs a request through the whole app (guard included): exports ask the route whose answer they export. */
  inProcess?: (request: Request) => Promise<Response>;
};
