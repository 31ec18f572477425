// The monthly supervision bulletin 《e家综合》 on a copy of the small dataset: its figures are the
// assessment's and the risk ranking's answers for the same month (asked of the real routes); the PDF
// opens, carries its Chinese text in an embedded font and has no blank page (poppler's pdftotext,
// pdffonts, pdftoppm); the roles; bad months and formats.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { buildBulletin, HOT_SPOTS } from '../server/bulletin/build';
import { bulletinFonts, FONT_REGULAR } from '../server/bulletin/fonts';
import { bulletinHtml } from '../server/bulletin/html';
import { loadLeaderDayConfig, loadRiskConfig } from '../server/config';
import { ROLES, type Role } from '../server/domain/access';
import { parsePeriod, TIMED_STAGES } from '../server/domain/assessment';
import { type Bulletin, lastDayOf, monthZh } from '../server/domain/bulletin';
import { assessmentCounts } from '../server/store/assessment';
import type { Db } from '../server/store/db';
import { openCopy } from './helpers/dataset';
import { htmlProblems } from './helpers/htmlValid';
import { call, signInEveryRole } from './helpers/session';

// Monday 2026-11-02, 09:00 in Tongcheng: the small dataset's history ends the day before.
const NOW = '2026-11-02T01:00:00.000Z';
let db: Db;
let app: ReturnType<typeof createApp>;
let cookies: Map<Role, string>;
let month: string;
let bulletin: Bulletin;
/** The assessment's weight on a deduction after a leader's instruction, as the routes use it. */
const supervisedFactor = loadLeaderDayConfig().followUp.deductionFactor;

const as = (role: Role, path: string, headers?: Record<string, string>) =>
  call(app, 'GET', `/api${path}`, { cookie: cookies.get(role), headers });
/** The raw bytes of an answer (call() reads text). */
async function bytes(role: Role, path: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await app.request(`/api${path}`, { headers: { cookie: cookies.get(role)! } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  db = await openCopy(inject('smallDataDir'));
  app = createApp({ db, now: () => NOW, startedAt: Date.now() });
  ({ cookies } = await signInEveryRole(app, db));
  const months = (await as('centre', '/bulletins')).body.months as { month: string; complete: boolean }[];
  // The newest complete month (the month before NOW's).
  month = months.find((m) => m.complete)!.month;
  bulletin = (await buildBulletin({ db, risk: loadRiskConfig(), month, now: NOW, supervisedFactor }))!;
});
afterAll(() => db.close());

describe('GET /api/bulletins', () => {
  it('lists the months with cases, newest first, the current one not complete', async () => {
    const res = await as('centre', '/bulletins');
    expect(res.status, res.text).toBe(200);
    const months = res.body.months as { month: string; reported: number; complete: boolean }[];
    expect(months.length).toBeGreaterThan(6);
    expect(months.map((m) => m.month)).toEqual(
      months
        .map((m) => m.month)
        .sort()
        .reverse(),
    );
    expect(months.every((m) => m.reported > 0)).toBe(true);
    expect(months.find((m) => m.month === '2026-11')?.complete ?? false).toBe(false);
    expect(months.find((m) => m.month === month)!.reported).toBe(bulletin.headline.reported);
  });

  it('is held: a 304 while no case is reported, a new answer with the new case counted', async () => {
    const first = await as('centre', '/bulletins');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"/);
    expect((await as('analyst', '/bulletins', { 'if-none-match': tag })).status).toBe(304);
    const place = (await db.one<{ lon: number; lat: number; grid_id: string }>(
      'SELECT lon, lat, grid_id FROM events ORDER BY id LIMIT 1',
    ))!;
    const reported = await call(app, 'POST', '/api/events', {
      cookie: cookies.get('centre'),
      json: {
        itemCode: '010101',
        lon: place.lon,
        lat: place.lat,
        description: '通报月份测试：垃圾裸露',
        source: 'hotline',
      },
    });
    expect(reported.status, reported.text).toBe(201);
    const after = await as('centre', '/bulletins', { 'if-none-match': tag });
    expect(after.status).toBe(200);
    const count = (res: typeof first) =>
      (res.body.months as { month: string; reported: number }[]).find((m) => m.month === '2026-11')?.reported ?? 0;
    expect(count(after)).toBe(count(first) + 1);
  });
});

describe('the bulletin’s figures are the routes’ answers for the same month', () => {
  it('ranks every level as GET /api/assessment does', async () => {
    for (const r of bulletin.rankings) {
      const res = await as('centre', `/assessment?period=${month}&level=${r.level}`);
      expect(res.status, res.text).toBe(200);
      const ranked = res.body.units.filter((u: any) => u.rank !== null);
      expect(r.units, r.level).toEqual(ranked);
      expect(r.unranked, r.level).toBe(res.body.units.length - ranked.length);
    }
  });

  it('gives the city’s headline as the sum of the subdistricts and towns', async () => {
    const units = (await as('centre', `/assessment?period=${month}&level=subdistrict`)).body.units as any[];
    const sum = (f: (u: any) => number) => units.reduce((n, u) => n + f(u), 0);
    const h = bulletin.headline;
    expect(h.reported).toBeGreaterThan(0);
    expect(h.reported).toBe(sum((u) => u.reported));
    expect(h.filed).toBe(sum((u) => u.filed));
    expect(h.closed).toBe(sum((u) => u.closed));
    expect(h.pointsDeducted).toBe(sum((u) => u.pointsDeducted));
    expect(h.closureRate).toBeCloseTo(h.closed / h.filed, 4);
    // Satisfaction: the units' shares (4 digits) times their ratings give back the counts.
    const rated = sum((u) => u.satisfaction.rated);
    const count = (k: string) => sum((u) => Math.round((u.satisfaction[k] ?? 0) * u.satisfaction.rated));
    expect(h.rated).toBe(rated);
    expect(h.satisfaction!).toBeCloseTo((count('satisfied') + 0.6 * count('basicallySatisfied')) / rated, 6);
    // On time, per stage: the counts the route's store function gives, summed over the city.
    const counts = await assessmentCounts(db, 'subdistrict', parsePeriod(month)!);
    for (const s of TIMED_STAGES) {
      const entered = counts.reduce((n, u) => n + u.entered[s], 0);
      const late = counts.reduce((n, u) => n + u.late[s], 0);
      expect(h.onTime[s], s).toBeCloseTo(entered ? (entered - late) / entered : Number.NaN, 4);
      const rates = units.map((u) => u.onTime[s]).filter((x) => x !== null);
      expect(h.onTime[s]!).toBeGreaterThanOrEqual(Math.min(...rates) - 1e-4);
      expect(h.onTime[s]!).toBeLessThanOrEqual(Math.max(...rates) + 1e-4);
    }
  });

  it('names the hot spots GET /api/risk gives at the end of the month', async () => {
    const res = await as('centre', `/risk?level=grid&top=${HOT_SPOTS}&at=${lastDayOf(month)}`);
    expect(res.status, res.text).toBe(200);
    expect(bulletin.risk.hotSpots).toEqual(res.body);
    // The map shades every grid, the hot spots with the route's scores.
    const grids = (await as('centre', '/layers/grids?level=grid')).body.features.length;
    expect(bulletin.risk.grids).toHaveLength(grids);
    for (const h of bulletin.risk.hotSpots)
      expect(bulletin.risk.grids.find((g) => g.id === h.areaId)!.score).toBeCloseTo(h.score, 2);
  });

  it('counts the month’s cases per day and category to the headline', () => {
    const total = (xs: { count?: number; reported?: number }[], k: 'count' | 'reported') =>
      xs.reduce((n, x) => n + (x[k] ?? 0), 0);
    expect(bulletin.daily).toHaveLength(Number(lastDayOf(month).slice(8)));
    expect(total(bulletin.daily, 'reported')).toBe(bulletin.headline.reported);
    expect(total(bulletin.categories, 'count')).toBe(bulletin.headline.reported);
  });

  it('warns of the units last in the assessment in enough of the twelve months', async () => {
    for (const w of bulletin.warnings.units.slice(0, 3)) {
      expect(w.months.length).toBeGreaterThanOrEqual(bulletin.warnings.threshold);
      for (const m of w.months) {
        const units = (await as('centre', `/assessment?period=${m}&level=${w.level}`)).body.units as any[];
        const last = units.filter((u) => u.rank !== null).at(-1);
        expect(last.unitId, `${w.level} ${m}`).toBe(w.unitId);
      }
    }
  });

  it('lists cases of the month with points deducted, the most first', async () => {
    const d = bulletin.deductions;
    expect(d.listed.length).toBeLessThanOrEqual(d.cases);
    expect(d.listed.reduce((n, c) => n + c.points, 0)).toBeLessThanOrEqual(d.points);
    const { from, to } = parsePeriod(month)!;
    for (const [i, c] of d.listed.entries()) {
      if (i > 0) expect(c.points).toBeLessThanOrEqual(d.listed[i - 1]!.points);
      const res = await as('centre', `/events/${c.id}`);
      expect(res.status, res.text).toBe(200);
      expect(Date.parse(res.body.reportedAt)).toBeGreaterThanOrEqual(Date.parse(from));
      expect(Date.parse(res.body.reportedAt)).toBeLessThan(Date.parse(to));
      expect(res.body.everOverdue ?? res.body.overdue).toBe(true);
    }
  });
});

describe('GET /api/bulletins/{month}', () => {
  it('answers the HTML page with the month’s figures', async () => {
    const res = await as('leader', `/bulletins/${month}?format=html`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('《e家综合》');
    expect(res.text).toContain(monthZh(month));
    expect(res.text).toContain(bulletin.headline.reported.toLocaleString('en-US'));
    expect(res.text).toContain(bulletin.rankings[0]!.units[0]!.name);
    expect(res.text).toContain('本月无领导调度日记录');
    expect((res.text.match(/<svg/g) ?? []).length).toBe(3); // two charts and the map
    expect(await htmlProblems(res.text)).toEqual([]);
    // Built once: the same bytes again, and 304 for their tag.
    const again = await as('analyst', `/bulletins/${month}`);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    const cached = await as('centre', `/bulletins/${month}?format=html`, { 'if-none-match': res.headers.get('etag')! });
    expect(cached.status).toBe(304);
  });

  it('answers an A4 PDF that opens, with its Chinese text, the font embedded and no blank page', async () => {
    const res = await bytes('centre', `/bulletins/${month}?format=pdf`);
    expect(res.status, res.body.toString()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="e-jia-zonghe-${month}.pdf"`);
    const dir = mkdtempSync(join(tmpdir(), 'wendu-bulletin-'));
    const file = join(dir, 'bulletin.pdf');
    writeFileSync(file, res.body);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of [
      '《e家综合》',
      `${monthZh(month)}网格化服务管理监督通报`,
      '一、总体情况',
      '二、考核排名',
      '五、风险热点',
      '本月无领导调度日记录',
      bulletin.headline.reported.toLocaleString('en-US'),
      bulletin.rankings[0]!.units[0]!.name,
      bulletin.risk.hotSpots[0]!.name,
    ])
      expect(text, s).toContain(s);

    // Every font embedded (a subset), none left to the reader's machine.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line, line).toMatch(/NotoSansHans.*\byes\s+yes\s+yes\b/);

    // No blank page: each page at 30 dpi in grey has ink above its footer (the bottom 8%, the page number).
    execFileSync('pdftoppm', ['-r', '30', '-gray', file, join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm'));
    expect(images).toHaveLength(pages);
    for (const name of images) {
      const pgm = readFileSync(join(dir, name));
      // P5 header: magic, width, height, max, then one byte per pixel, row by row.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
      const [w, h] = [Number(header[1]), Number(header[2])];
      const body = pgm.subarray(header[0].length, header[0].length + w * Math.floor(h * 0.92));
      expect(new Set(body).size, name).toBeGreaterThan(1);
      expect(body.filter((v) => v < 160).length, name).toBeGreaterThan(50);
    }
  });

  it('is for the centre, leaders and analysts only', async () => {
    for (const role of ROLES) {
      const res = await as(role, `/bulletins/${month}`);
      const allowed = ['centre', 'leader', 'analyst'].includes(role);
      expect(res.status, role).toBe(allowed ? 200 : 403);
      expect((await as(role, '/bulletins')).status, role).toBe(allowed ? 200 : 403);
    }
    expect((await call(app, 'GET', `/api/bulletins/${month}`)).status).toBe(401);
  });

  it.each([
    ['a month that is no month', '/bulletins/2026-13', 400, 'bad_request'],
    ['a month without its zero', '/bulletins/2026-1', 400, 'bad_request'],
    ['a day', '/bulletins/2026-10-01', 400, 'bad_request'],
    ['an unknown format', '/bulletins/2026-10?format=docx', 400, 'bad_request'],
    ['a month without any case', '/bulletins/2001-01?format=pdf', 404, 'no_data'],
    ['a month after the history', '/bulletins/2030-01', 404, 'no_data'],
  ])('refuses %s with a JSON error', async (_, path, status, code) => {
    const res = await as('centre', path);
    expect(res.status, res.text).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
  });
});

describe('the bulletin’s content', () => {
  it('reports the month’s leader day as GET /api/leader-days/{month} gives it', async () => {
    const days = (await as('centre', '/leader-days')).body.months as { month: string; decisionCount: number }[];
    const held = days.find((d) => d.decisionCount > 0 && d.month < NOW.slice(0, 7));
    expect(held, 'a past leader day with instructions in the history').toBeDefined();
    const view = (await as('centre', `/leader-days/${held!.month}`)).body as {
      decisions: { eventId: string; leadDeadlineAt: string }[];
    };
    const b = (await buildBulletin({ db, risk: loadRiskConfig(), month: held!.month, now: NOW, supervisedFactor }))!;
    expect(b.leaderDay).not.toBeNull();
    expect(b.leaderDay!.counts.cases).toBe(held!.decisionCount);
    expect(b.leaderDay!.cases.map((c) => c.eventId)).toEqual(view.decisions.map((d) => d.eventId));
    expect(b.leaderDay!.cases.map((c) => c.deadline)).toEqual(view.decisions.map((d) => d.leadDeadlineAt));
    const c = b.leaderDay!.counts;
    expect(c.closed + c.open).toBe(c.cases);
    expect(bulletinHtml(b)).toContain(`本月领导调度日共调度案件${c.cases}件`);
  });

  it('renders a leader day it is given, as a valid HTML document', async () => {
    const html = bulletinHtml({
      ...bulletin,
      leaderDay: {
        date: `${month}-15`,
        leader: '分管城市管理副市长',
        cases: [
          {
            eventId: 'E1',
            title: '老旧小区雨污管网混接整治',
            leadDepartment: '市住房和城乡建设局',
            deadline: '2026-12-31T10:00:00.000Z',
            status: '办理中',
            overdue: true,
          },
        ],
        counts: { cases: 1, closed: 0, open: 1, overdue: 1 },
      },
    });
    expect(html).not.toContain('本月无领导调度日记录');
    expect(html).toContain('老旧小区雨污管网混接整治');
    expect(html).toContain('办理中（超期）');
    expect(html).toContain('本月领导调度日共调度案件1件');
    expect(await htmlProblems(html)).toEqual([]);
  });

  it('has every character it prints, and every name of the dataset, in the embedded font', async () => {
    const font = fontkit.create(bulletinFonts()[FONT_REGULAR]) as fontkit.Font;
    const names = await db.all<{ name: string }>(
      `SELECT name FROM admin_units UNION ALL SELECT name FROM departments UNION ALL SELECT name FROM taxonomy_items
       UNION ALL SELECT name FROM taxonomy_categories`,
    );
    const text = bulletinHtml(bulletin).replace(/<[^>]*>/g, '') + names.map((n) => n.name).join('');
    const missing = [...new Set(text)].filter((ch) => /\S/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
    expect(missing).toEqual([]);
  });
});
