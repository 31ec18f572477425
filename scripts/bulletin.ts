// `npm run bulletin -- --month YYYY-MM [--out DIR] [--data DIR]`: the month's supervision bulletin
// 《e家综合》 as an HTML page and an A4 PDF (server/bulletin/), written to DIR (default: the current
// folder) as e-jia-zonghe-YYYY-MM.html and .pdf. Progress on stderr, the files' paths and sizes as
// JSON on stdout. It opens the store read-only: while the server runs (it holds the file), ask it
// instead: GET /api/bulletins/YYYY-MM?format=pdf.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBulletin } from '../server/bulletin/build';
import { bulletinHtml } from '../server/bulletin/html';
import { bulletinPdf } from '../server/bulletin/pdf';
import { loadLeaderDayConfig, loadRiskConfig } from '../server/config';
import { MONTH_PATTERN } from '../server/domain/bulletin';
import { openDb } from '../server/store/db';

const USAGE = 'usage: npm run bulletin -- --month YYYY-MM [--out DIR] [--data DIR]';
const log = (m: string) => console.error(`[bulletin] ${m}`);

try {
  const { values } = parseArgs({
    options: {
      month: { type: 'string' },
      out: { type: 'string', default: '.' },
      data: { type: 'string', default: process.env.DATA_DIR ?? 'data/generated' },
    },
  });
  if (!values.month || !MONTH_PATTERN.test(values.month)) throw new Error(`--month YYYY-MM is required\n${USAGE}`);
  const month = values.month;
  const path = process.env.DB_PATH ?? join(values.data, 'wendu.duckdb');
  const db = await openDb(path, { readOnly: true }).catch((err: Error) => {
    throw new Error(
      `${path}: ${err.message}\n(run npm start once to make the store; while the server runs it holds the file: ` +
        `download GET /api/bulletins/${month}?format=pdf instead)`,
    );
  });
  try {
    const started = performance.now();
    const bulletin = await buildBulletin({
      db,
      risk: loadRiskConfig(process.env.RISK_CONFIG),
      supervisedFactor: loadLeaderDayConfig(process.env.LEADER_DAY_CONFIG).followUp.deductionFactor,
      month,
      now: new Date().toISOString(),
      progress: (step, ms) => log(`read ${step} in ${ms} ms`),
    });
    if (!bulletin) throw new Error(`${month}: no case was reported in that month; nothing to report`);
    log(`read in ${Math.round(performance.now() - started)} ms; writing the HTML page ...`);
    const out = resolve(values.out);
    mkdirSync(out, { recursive: true });
    const html = bulletinHtml(bulletin);
    const htmlPath = join(out, `e-jia-zonghe-${month}.html`);
    writeFileSync(htmlPath, html);
    log('writing the PDF (the font is embedded as a subset) ...');
    const t = performance.now();
    const pdf = await bulletinPdf(bulletin);
    const pdfPath = join(out, `e-jia-zonghe-${month}.pdf`);
    writeFileSync(pdfPath, pdf);
    log(`PDF in ${Math.round(performance.now() - t)} ms`);
    console.log(
      JSON.stringify(
        {
          month,
          reported: bulletin.headline.reported,
          html: { path: htmlPath, bytes: Buffer.byteLength(html) },
          pdf: { path: pdfPath, bytes: pdf.length },
          ms: Math.round(performance.now() - started),
        },
        null,
        2,
      ),
    );
  } finally {
    db.close();
  }
  // echarts keeps the event loop alive: end explicitly.
  process.exit(0);
} catch (err) {
  console.error(`bulletin: ${(err as Error).message}`);
  process.exit(1);
}
