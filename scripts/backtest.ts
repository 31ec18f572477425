// `npm run backtest -- [--data DIR] [--levels grid,community,city] [--origins-weeks 52] [--origins-months 12]`:
// replays the case history — rolling origins over the last year — and prints JSON with the forecast's
// MASE next to the seasonal-naive forecast's, per level, granularity and horizon (domain/forecast/backtest.ts).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backtest } from '../server/domain/forecast/backtest';
import { densify } from '../server/domain/forecast/caseForecast';
import { type Granularity, periodOf, periodRange } from '../server/domain/forecast/periods';
import { openDb } from '../server/store/db';
import {
  caseHistory,
  LEVEL_DEPTH,
  lastCompletePeriod,
  levelSeries,
  type TrendLevel,
} from '../server/store/eventTrends';

const USAGE =
  'usage: npm run backtest -- [--data DIR] [--levels grid,community,city] [--origins-weeks N] [--origins-months N]';

try {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.DATA_DIR ?? 'data/generated' },
      levels: { type: 'string', default: 'grid,community,city' },
      'origins-weeks': { type: 'string', default: '52' },
      'origins-months': { type: 'string', default: '12' },
    },
  });
  const levels = values.levels.split(',') as TrendLevel[];
  for (const l of levels) if (!(l in LEVEL_DEPTH)) throw new Error(`unknown level ${l}\n${USAGE}`);
  const origins = { week: Number(values['origins-weeks']), month: Number(values['origins-months']) };
  for (const [k, v] of Object.entries(origins))
    if (!Number.isInteger(v) || v < 1) throw new Error(`--origins-${k}s must be a positive integer\n${USAGE}`);

  const path = join(values.data, 'wendu.duckdb');
  const db = await openDb(path, { readOnly: true }).catch((err: Error) => {
    throw new Error(`${path}: ${err.message} (run npm start or npm run generate first)`);
  });
  const started = performance.now();
  try {
    const now = new Date().toISOString();
    const history = await caseHistory(db, now);
    if (!history) throw new Error(`${path}: no cases to replay`);
    const results = [];
    for (const level of levels) {
      for (const by of ['week', 'month'] as Granularity[]) {
        const first = periodOf(Date.parse(history.first), by);
        const last = lastCompletePeriod(history.asOf, by);
        const { units, series } = await levelSeries(
          db,
          { kind: 'city' },
          {
            level,
            by,
            from: history.first,
            to: history.asOf,
          },
          now,
        );
        const periods = periodRange(first, last, by);
        const dense = (id: string | null) => (id ? densify(series.get(id) ?? [], periods) : undefined);
        const all = units.map((u) => ({ own: dense(u.id)!, reference: dense(u.parentId) }));
        results.push({ level, units: units.length, ...backtest(all, by, origins[by]) });
      }
    }
    const summary = {
      data: values.data,
      asOf: history.asOf,
      metric: 'MASE (mean absolute error / in-sample seasonal-naive MAE); below 1 beats last year',
      results,
      beatsSeasonalNaive: results.every((r) => r.horizons.every((h) => h.model < h.seasonalNaive)),
      seconds: Math.round(performance.now() - started) / 1000,
    };
    console.log(JSON.stringify(summary, null, 2));
    if (!summary.beatsSeasonalNaive) process.exitCode = 2;
  } finally {
    db.close();
  }
} catch (err) {
  console.error(`backtest: ${(err as Error).message}`);
  process.exit(1);
}
