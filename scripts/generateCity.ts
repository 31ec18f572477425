// Command line: generate the Tongcheng reference dataset into data/generated/.
//   npm run generate -- [--seed N] [--scale X] [--out DIR] [--today ISO]
import { parseArgs } from 'node:util';
import { buildDataset } from './generate/build';
import { DEFAULT_TODAY } from './generate/city';

const USAGE = 'usage: npm run generate -- [--seed <integer>] [--scale <0.001..100>] [--out <dir>] [--today <ISO date>]';

function fail(message: string): never {
  console.error(`generate-city: ${message}\n${USAGE}`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      seed: { type: 'string', default: '20220601' },
      scale: { type: 'string', default: '1' },
      out: { type: 'string', default: 'data/generated' },
      today: { type: 'string', default: DEFAULT_TODAY },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
  fail(`--seed ${values.seed}: expected a whole number from 0 to 2147483647`);
const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale < 0.001 || scale > 100)
  fail(`--scale ${values.scale}: expected a number from 0.001 to 100`);
const today = String(values.today);
if (Number.isNaN(Date.parse(today))) fail(`--today ${today}: expected an ISO 8601 date such as 2026-11-01T00:00:00Z`);

console.error(`Generating Tongcheng (seed ${seed}, scale ${scale}) into ${values.out} ...`);
const result = await buildDataset({ seed, scale, today: new Date(today).toISOString(), outDir: String(values.out) });
const rows = Object.fromEntries(Object.entries(result.manifest.tables).map(([k, v]) => [k, v.rows]));
console.log(
  JSON.stringify(
    { seed, scale, db: result.dbPath, totalSeconds: result.totalSeconds, stageSeconds: result.seconds, rows },
    null,
    2,
  ),
);
console.error(`Done in ${result.totalSeconds} s.`);
