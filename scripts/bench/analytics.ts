// `npm run bench:analytics [-- --data DIR] [--data10 DIR] [--data100 DIR] [--runs 20] [--only risk]
//   [--scales 1,10,100]`: the analyst's queries measured on a cache miss, on the scale-1 store and on
// stores with 10× and 100× the case history, made by replicating it inside DuckDB
// (workflow/multiplyHistory.ts; at 100× only `events`, the table these queries read). One phase per
// file in analytics/ (phase.ts lists them). Prints one JSON summary on stdout (progress on stderr).
// Not part of `npm test`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../../server/store/db';
import { buildDataset } from '../generate/build';
import { PHASES } from './analytics/phase';
import { multiplyHistory } from './workflow/multiplyHistory';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    data10: { type: 'string' },
    data100: { type: 'string' },
    runs: { type: 'string', default: '20' },
    only: { type: 'string', default: PHASES.map((p) => p.name).join(',') },
    scales: { type: 'string', default: '1,10,100' },
  },
});
const runs = Number(values.runs);
const scales = values.scales.split(',').map(Number);
const phases = PHASES.filter((p) => values.only.split(',').includes(p.name));
if (!Number.isInteger(runs) || runs < 1 || scales.some((s) => ![1, 10, 100].includes(s)) || phases.length === 0) {
  console.error(
    `bench:analytics: --runs a positive integer, --scales of 1,10,100, --only of ${PHASES.map((p) => p.name)}`,
  );
  process.exit(2);
}
const log = (m: string) => console.error(`[bench:analytics] ${m}`);

const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'wendu-bench-analytics-x1-'));
const dbPath = join(dataDir, 'wendu.duckdb');
if (!existsSync(dbPath)) {
  log(`generating a scale-1 dataset in ${dataDir} ...`);
  await buildDataset({ seed: 20220601, scale: 1, today: '2026-11-01T00:00:00.000Z', outDir: dataDir, quiet: true });
}
const today = (
  JSON.parse(readFileSync(join(dataDir, 'dataset', 'manifest.json'), 'utf8')) as { meta: { today: string } }
).meta.today;

/** The store with `times` the case history (made once, kept in --data10/--data100 when given). */
async function storeAt(times: number): Promise<string> {
  if (times === 1) return dbPath;
  const given = times === 10 ? values.data10 : values.data100;
  const dir = given ? resolve(given) : mkdtempSync(join(tmpdir(), `wendu-bench-analytics-x${times}-`));
  const path = join(dir, 'wendu.duckdb');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    log(`multiplying the case history ×${times} into ${dir} ...`);
    const t = performance.now();
    const rows = await multiplyHistory(dbPath, path, times, times >= 100 ? ['events'] : undefined);
    log(`done in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(rows)}`);
  }
  return path;
}

const summary: Record<string, unknown> = {
  machine: { cpus: cpus().length, loadAverage: loadavg() },
  dataset: { dir: dataDir, today },
  runs,
};
for (const times of scales) {
  const path = await storeAt(times);
  const db = await openDb(path, { readOnly: true });
  try {
    for (const phase of phases) {
      log(`${phase.name} at ${times}× ...`);
      const result = await phase.measure({ db, label: `${times}x`, today, runs, log });
      summary[phase.name] = { ...((summary[phase.name] as object) ?? {}), [`${times}x`]: result };
    }
  } finally {
    db.close();
  }
}
summary.aims = { p95At10xMs: 150, p95At100xMs: 1000 };
console.log(JSON.stringify(summary, null, 2));
process.exit(0);
