// Photos through the API, on a copy of the small dataset and a photos folder of its own: an upload is
// told by its magic bytes and kept without its metadata, once per content; a fake, an oversized or an
// empty one is refused with nothing written; a report and a feedback carry photos, the dossier lists
// them, and a photo is served only to readers of a case that names it. And the likely duplicates of a
// report (GET /api/events?near=…).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { Role } from '../server/domain/access';
import type { CityDataset } from '../server/domain/model';
import type { Db } from '../server/store/db';
import { openCopy, readDataset } from './helpers/dataset';
import { call, signInEveryRole } from './helpers/session';

const MAX = 64 * 1024;
const JPEG = readFileSync('tests/fixtures/photos/plain.jpg');
const PNG = readFileSync('tests/fixtures/photos/plain.png');

/** The fixture JPEG with an EXIF segment naming a phone and a GPS tag after its JFIF header. */
function jpegWithExif(): Buffer {
  const app0End = 4 + ((JPEG[4]! << 8) | JPEG[5]!);
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0*\0\0\0\x08', 'latin1'),
    Buffer.from('GPSLatitude 31.07 PhoneMakerX1'),
  ]);
  const header = Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]);
  return Buffer.concat([JPEG.subarray(0, app0End), header, exif, JPEG.subarray(app0End)]);
}

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookies: Map<Role, string>;
let photosDir: string;
let inGrid: [number, number];
let gridworkerUnit: string;

const files = () => readdirSync(photosDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
const as = (role: Role, method: string, path: string, json?: unknown) =>
  call(app, method, `/api${path}`, { cookie: cookies.get(role), json });
const upload = (body: Uint8Array, type = 'image/jpeg', role: Role = 'gridworker') =>
  call(app, 'POST', '/api/photos', { cookie: cookies.get(role), headers: { 'content-type': type }, body });

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  photosDir = mkdtempSync(join(tmpdir(), 'wendu-photos-'));
  app = createApp({
    db,
    now: () => new Date().toISOString(),
    startedAt: Date.now(),
    photos: { dir: photosDir, maxBytes: MAX },
  });
  ({ cookies } = await signInEveryRole(app, db));
  gridworkerUnit = (await as('gridworker', 'GET', '/auth/me')).body.user.unitId;
  // a past case's place in the grid worker's grid, with room in the grid 120 m north of it (the
  // duplicates test reports there)
  const grid = data.adminUnits.find((u) => u.id === gridworkerUnit)!;
  inGrid = data.events.find(
    (e) =>
      e.gridId === gridworkerUnit &&
      turf.booleanPointInPolygon([e.position[0], e.position[1] + 120 / 111_195], grid.geometry),
  )!.position;
});
afterAll(() => db.close());

describe('POST /api/photos', () => {
  it('refuses a fake, an empty, an oversized or an undeclared upload and writes nothing', async () => {
    const fake = await upload(Buffer.from('<html>not a photo</html>'));
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('not_an_image');
    const empty = await upload(new Uint8Array());
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('empty_photo');
    // a real JPEG's header followed by more than the limit
    const big = await upload(Buffer.concat([JPEG, Buffer.alloc(MAX)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('photo_too_large');
    const asJson = await call(app, 'POST', '/api/photos', { cookie: cookies.get('gridworker'), json: { a: 1 } });
    expect(asJson.status).toBe(415);
    const truncated = await upload(JPEG.subarray(0, 60));
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('malformed_photo');
    expect(files()).toEqual([]);
  });

  it('keeps a photo without its EXIF, once per content, whatever type the client claims', async () => {
    const res = await upload(jpegWithExif());
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{64}$/), url: `/api/photos/${res.body.id}` });
    const stored = files();
    expect(stored).toHaveLength(1);
    const bytes = readFileSync(join(stored[0]!.parentPath, stored[0]!.name));
    expect(bytes.includes('Exif')).toBe(false);
    expect(bytes.includes('PhoneMakerX1')).toBe(false);
    expect(bytes.equals(JPEG)).toBe(true); // the image itself untouched
    // the same photo again (here without its EXIF, and declared PNG): the same id, no second file
    const again = await upload(JPEG, 'image/png');
    expect(again.body.id).toBe(res.body.id);
    expect(files()).toHaveLength(1);
    // another photo is another file
    expect((await upload(PNG, 'image/png')).status).toBe(201);
    expect(files()).toHaveLength(2);
  });

  it('is for those who report or handle cases', async () => {
    for (const role of ['screen', 'analyst', 'admin'] as const)
      expect((await upload(JPEG, 'image/jpeg', role)).status, role).toBe(403);
    // a department reports and handles; a leader assigns cases (领导交办) and may attach a photo
    for (const role of ['department', 'leader'] as const)
      expect((await upload(JPEG, 'image/jpeg', role)).status, role).toBe(201);
  });
});

describe('photos on a case', () => {
  it('a report carries up to 3 uploaded photos; the dossier lists them; only its readers may fetch them', async () => {
    const a = (await upload(JPEG)).body.id;
    const b = (await upload(PNG, 'image/png')).body.id;
    const body = {
      itemCode: '010101',
      lon: inGrid[0],
      lat: inGrid[1],
      description: '路边垃圾堆放',
      source: 'patrol',
    };
    const unknown = await as('gridworker', 'POST', '/events', { ...body, photos: ['0'.repeat(64)] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_photo', fields: [{ field: 'photos.0' }] });
    expect((await as('gridworker', 'POST', '/events', { ...body, photos: [a, b, a, b] })).status).toBe(400);

    // a photo no case names yet is served to nobody
    expect((await as('centre', 'GET', `/photos/${a}`)).status).toBe(404);

    const res = await as('gridworker', 'POST', '/events', { ...body, photos: [a, b] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.photos).toEqual([
      { id: a, url: `/api/photos/${a}`, seq: 1 },
      { id: b, url: `/api/photos/${b}`, seq: 1 },
    ]);
    const id = res.body.id;
    expect((await as('centre', 'GET', `/events/${id}`)).body.photos).toHaveLength(2);
    // The answer (composed by the case writer) is the dossier as the store reads it.
    expect(res.body).toEqual((await as('gridworker', 'GET', `/events/${id}`)).body);

    const got = await app.request(`/api/photos/${a}`, { headers: { cookie: cookies.get('gridworker')! } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(Buffer.from(await got.arrayBuffer()).equals(JPEG)).toBe(true);
    const again = await app.request(`/api/photos/${a}`, {
      headers: { cookie: cookies.get('gridworker')!, 'if-none-match': got.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect((await as('screen', 'GET', `/photos/${b}`)).status).toBe(200); // city-wide reader
    // the demo department (D02, urban management answers for 010101) reads it; none outside the case's scope
    expect((await as('department', 'GET', `/photos/${a}`)).status).toBe(200);
    expect((await as('admin', 'GET', `/photos/${a}`)).status).toBe(403);

    // the case dispatched to the worker's own grid: accepted, then fed back with an after-handling photo
    await as('centre', 'POST', `/events/${id}/actions`, { action: 'file' });
    await as('centre', 'POST', `/events/${id}/actions`, { action: 'dispatch', lead: { assignee: gridworkerUnit } });
    expect((await as('gridworker', 'POST', `/events/${id}/actions`, { action: 'accept' })).status).toBe(200);
    const after = (await upload(PNG, 'image/png')).body.id;
    const fed = await as('gridworker', 'POST', `/events/${id}/actions`, {
      action: 'feedback',
      note: '已清理',
      photos: [after],
    });
    expect(fed.status, fed.text).toBe(200);
    const feedbackSeq = fed.body.steps.find((s: { action: string }) => s.action === 'feedback').seq;
    expect(fed.body.photos.at(-1)).toEqual({ id: after, url: `/api/photos/${after}`, seq: feedbackSeq });
  });
});

describe('likely duplicates (GET /api/events?near=…)', () => {
  it('finds the same item, open, within the radius and the window; not one further away', async () => {
    const from = new Date(Date.now() - 48 * 3600_000).toISOString();
    // a place about 120 m north of the report (1° of latitude ≈ 111.2 km)
    const north: [number, number] = [inGrid[0], inGrid[1] + 120 / 111_195];
    const created = await as('gridworker', 'POST', '/events', {
      itemCode: '010102',
      lon: north[0],
      lat: north[1],
      description: '井盖缺失',
      source: 'patrol',
    });
    expect(created.status, created.text).toBe(201);
    const near = (place: [number, number], radius?: number) =>
      as(
        'gridworker',
        'GET',
        `/events?itemCode=010102&open=true&from=${encodeURIComponent(from)}&near=${place.join(',')}${radius ? `&radius=${radius}` : ''}`,
      );
    const here = await near(north);
    expect(here.status, here.text).toBe(200);
    expect(here.body.events.map((e: { id: string }) => e.id)).toContain(created.body.id);
    // 120 m away: outside the default 50 m, inside 150 m
    expect((await near(inGrid)).body.events.map((e: { id: string }) => e.id)).not.toContain(created.body.id);
    expect((await near(inGrid, 150)).body.events.map((e: { id: string }) => e.id)).toContain(created.body.id);
    expect((await near(inGrid, 100)).body.events.map((e: { id: string }) => e.id)).not.toContain(created.body.id);
    // every answer lies within its radius
    for (const e of (await near(inGrid, 500)).body.events) {
      const dy = (e.position[1] - inGrid[1]) * 111_195;
      const dx = (e.position[0] - inGrid[0]) * 111_195 * Math.cos((inGrid[1] * Math.PI) / 180);
      expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(501);
      expect(e.itemCode).toBe('010102');
    }
    expect((await as('gridworker', 'GET', '/events?radius=50')).status).toBe(400);
    expect((await as('gridworker', 'GET', `/events?near=${inGrid.join(',')}&radius=501`)).status).toBe(400);
  });
});
