// `npm run bench:bulletin [-- --data DIR] [--data10 DIR] [--month YYYY-MM] [--runs 3] [--scales 1,10]`:
// the monthly bulletin built on the scale-1 store and on one with 10× the case history (made by
// replicating it inside DuckDB, workflow/multiplyHistory.ts: minutes, once; kept in --data10 when
// given). Per scale: reading the month from the store (the assessment of every level over 12 months,
// the cases, the risk), laying out the HTML and the PDF, each timed apart, the first build apart from
// the later ones (the first reads the columns and the font); and the PDF's and the page's size. Prints
// one JSON summary on stdout (progress on stderr). Not part of `npm test`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBulletin } from '../../server/bulletin/build';
import { bulletinHtml } from '../../server/bulletin/html';
import { bulletinPdf } from '../../server/bulletin/pdf';
import { loadRiskConfig } from '../../server/config';
import { monthsUpTo } from '../../server/domain/bulletin';
import { openDb } from '../../server/store/db';
import { buildDataset } from '../generate/build';
import { summarise } from './workflow/latency';
import { multiplyHistory } from './workflow/multiplyHistory';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    data10: { type: 'string' },
    month: { type: 'string' },
    runs: { type: 'string', default: '3' },
    scales: { type: 'string', default: '1,10' },
  },
});
const runs = Number(values.runs);
const scales = values.scales.split(',').map(Number);
if (!Number.isInteger(runs) || runs < 1 || scales.some((s) => ![1, 10].includes(s))) {
  console.error('bench:bulletin: --runs a positive integer, --scales of 1,10');
  process.exit(2);
}
const log = (m: string) => console.error(`[bench:bulletin] ${m}`);

const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'wendu-bench-bulletin-x1-'));
const dbPath = join(dataDir, 'wendu.duckdb');
if (!existsSync(dbPath)) {
  log(`generating a scale-1 dataset in ${dataDir} ...`);
  await buildDataset({ seed: 20220601, scale: 1, today: '2026-11-01T00:00:00.000Z', outDir: dataDir, quiet: true });
}
const today = (
  JSON.parse(readFileSync(join(dataDir, 'dataset', 'manifest.json'), 'utf8')) as { meta: { today: string } }
).meta.today;
// The last complete month before the dataset's today (CST).
const month = values.month ?? monthsUpTo(new Date(Date.parse(today) + 8 * 3_600_000).toISOString().slice(0, 7), 2)[0]!;

async function storeAt(times: number): Promise<string> {
  if (times === 1) return dbPath;
  const dir = values.data10 ? resolve(values.data10) : mkdtempSync(join(tmpdir(), `wendu-bench-bulletin-x${times}-`));
  const path = join(dir, 'wendu.duckdb');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    log(`multiplying the case history ×${times} into ${dir} (minutes) ...`);
    const t = performance.now();
    const rows = await multiplyHistory(dbPath, path, times);
    log(`done in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(rows)}`);
  }
  return path;
}

const risk = loadRiskConfig();
const summary: Record<string, unknown> = {
  machine: { cpus: cpus().length, loadAverage: loadavg() },
  dataset: { dir: dataDir, today },
  month,
  runs,
};
for (const times of scales) {
  const db = await openDb(await storeAt(times), { readOnly: true });
  try {
    const events = (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events'))!.n;
    const read: number[] = [];
    // CPU time of the process (JavaScript and every DuckDB thread) per part: what a loaded machine's
    // wall-clock figures cannot show.
    const cpu: { read: number[]; html: number[]; pdf: number[] } = { read: [], html: [], pdf: [] };
    const cpuOf = (c0: NodeJS.CpuUsage) => {
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    const html: number[] = [];
    const pdf: number[] = [];
    const first: Record<string, number> = {};
    const steps: Record<string, number> = {};
    let pdfBytes = 0;
    let htmlBytes = 0;
    for (let i = 0; i <= runs; i++) {
      let t = performance.now();
      let c0 = process.cpuUsage();
      const b = await buildBulletin({
        db,
        risk,
        month,
        now: today,
        progress: (step, ms) => {
          if (i === runs) steps[step] = ms;
        },
      });
      if (!b) throw new Error(`${month}: no cases at ${times}×`);
      const readMs = performance.now() - t;
      const readCpu = cpuOf(c0);
      t = performance.now();
      c0 = process.cpuUsage();
      const page = bulletinHtml(b);
      const htmlMs = performance.now() - t;
      const htmlCpu = cpuOf(c0);
      t = performance.now();
      c0 = process.cpuUsage();
      const file = await bulletinPdf(b);
      const pdfMs = performance.now() - t;
      const pdfCpu = cpuOf(c0);
      pdfBytes = file.length;
      htmlBytes = Buffer.byteLength(page);
      if (i === 0)
        Object.assign(first, { readMs: Math.round(readMs), htmlMs: Math.round(htmlMs), pdfMs: Math.round(pdfMs) });
      else {
        read.push(readMs);
        html.push(htmlMs);
        pdf.push(pdfMs);
        cpu.read.push(readCpu);
        cpu.html.push(htmlCpu);
        cpu.pdf.push(pdfCpu);
      }
      log(
        `${times}× run ${i}: read ${Math.round(readMs)} ms (CPU ${Math.round(readCpu)}), HTML ${Math.round(htmlMs)} ms (CPU ${Math.round(htmlCpu)}), PDF ${Math.round(pdfMs)} ms (CPU ${Math.round(pdfCpu)})`,
      );
    }
    const r = summarise(read);
    const h = summarise(html);
    const p = summarise(pdf);
    summary[`${times}x`] = {
      events,
      // what GET /api/bulletins/{month} costs on a cache miss: reading plus one layout
      htmlBulletinMs: {
        p50: Math.round((r.p50Ms ?? 0) + (h.p50Ms ?? 0)),
        max: Math.round((r.maxMs ?? 0) + (h.maxMs ?? 0)),
      },
      pdfBulletinMs: {
        p50: Math.round((r.p50Ms ?? 0) + (p.p50Ms ?? 0)),
        max: Math.round((r.maxMs ?? 0) + (p.maxMs ?? 0)),
      },
      readMs: r,
      htmlLayoutMs: h,
      pdfLayoutMs: p,
      cpuP50Ms: { read: summarise(cpu.read).p50Ms, html: summarise(cpu.html).p50Ms, pdf: summarise(cpu.pdf).p50Ms },
      readSteps: steps,
      first,
      pdfBytes,
      htmlBytes,
    };
  } finally {
    db.close();
  }
}
summary.aims = { bulletinAt10xMs: 5000 };
console.log(JSON.stringify(summary, null, 2));
process.exit(0);
