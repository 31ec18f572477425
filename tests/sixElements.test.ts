// The six elements of GET /api/grids/{id} at every level (六要素): each unit's counts equal the sum of
// its children's, for every element and every breakdown, allowing for what belongs to a unit itself
// (a community's party alliance); the city's equal the generated records; and the analyst reads all of
// it, with the trends and forecasts, without a name, identity number or phone in any answer.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import type { CityDataset } from '../server/domain/model';
import { setComponentState } from '../server/store/components';
import type { Db } from '../server/store/db';
import { getUnitSummary } from '../server/store/unitSummary';
import { openCopy, readDataset } from './helpers/dataset';
import { watchingReads } from './helpers/reads';
import { call, signInEveryRole } from './helpers/session';
import { SMALL } from './helpers/small';

const ELEMENTS = ['people', 'places', 'events', 'things', 'sentiment', 'organisations'] as const;

let db: Db;
let app: ReturnType<typeof createApp>;
let data: CityDataset;
let cookie: string;
/** Every answer read as the analyst, for the personal-data check at the end. */
const answers: string[] = [];

beforeAll(async () => {
  const dir = inject('smallDataDir');
  db = await openCopy(dir);
  data = readDataset(dir);
  app = createApp({ db, now: () => SMALL.today, startedAt: Date.now() });
  cookie = (await signInEveryRole(app, db)).cookies.get('analyst')!;
});
afterAll(() => db.close());

async function summary(id: string): Promise<any> {
  const res = await call(app, 'GET', `/api/grids/${id}`, { cookie });
  expect(res.status, id).toBe(200);
  answers.push(res.text);
  return res.body;
}

/** An element as leaf counts by path ('byAgeBand.0-17' → n). */
function leaves(o: Record<string, unknown>, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number') out.set(prefix + k, v);
    else if (v && typeof v === 'object')
      for (const [kk, vv] of leaves(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

function add(into: Map<string, number>, from: Map<string, number>, sign = 1): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + sign * v);
}

/** What a unit holds itself rather than through a child: organisations attached to it (a community's alliance). */
function ownOrganisations(unitId: string): Map<string, number> {
  const own = data.organisations.filter((o) => o.adminUnitId === unitId);
  const m = new Map<string, number>();
  if (own.length === 0) return m;
  m.set('total', own.length);
  for (const o of own) m.set(`byKind.${o.kind}`, (m.get(`byKind.${o.kind}`) ?? 0) + 1);
  return m;
}

describe('the six elements of GET /api/grids/{id}', () => {
  it('at every level equal the sum of the children, element by element and key by key', async () => {
    const childrenOf = (id: string) => data.adminUnits.filter((u) => u.parentId === id);
    const city = data.adminUnits.find((u) => u.level === 'city')!;
    // The city, each subdistrict and town, and the first two communities or villages of each.
    const parents = [city, ...childrenOf(city.id), ...childrenOf(city.id).flatMap((s) => childrenOf(s.id).slice(0, 2))];
    let compared = 0;
    for (const parent of parents) {
      const unit = await summary(parent.id);
      const children = await Promise.all(childrenOf(parent.id).map((c) => summary(c.id)));
      expect(children.length, parent.id).toBeGreaterThan(0);
      for (const element of ELEMENTS) {
        const sum = new Map<string, number>();
        for (const c of children) add(sum, leaves(c[element]));
        const expected = leaves(unit[element]);
        if (element === 'organisations') add(expected, ownOrganisations(parent.id), -1);
        // Keys with zero on both sides may be absent on one (a map lists only what exists).
        const keys = new Set([...expected.keys(), ...sum.keys()]);
        for (const k of keys) expect(sum.get(k) ?? 0, `${parent.id} ${element}.${k}`).toBe(expected.get(k) ?? 0);
        compared += keys.size;
      }
    }
    expect(compared).toBeGreaterThan(parents.length * 60);
  });

  it('at the city equal the generated records', async () => {
    const city = await summary(data.adminUnits.find((u) => u.level === 'city')!.id);
    const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    const by = <T>(rows: T[], key: (r: T) => string) => {
      const m: Record<string, number> = {};
      for (const r of rows) m[key(r)] = (m[key(r)] ?? 0) + 1;
      return m;
    };
    expect(total(city.people.byAgeBand)).toBe(data.residents.length);
    expect(city.people.bySex).toEqual(by(data.residents, (r) => r.sex));
    expect(city.people.byTag).toEqual(
      by(
        data.residents.flatMap((r) => r.tags),
        (t) => t,
      ),
    );
    expect(city.places.households).toBe(data.households.length);
    expect(city.places.compounds).toBeGreaterThanOrEqual(
      data.organisations.filter((o) => o.kind === 'property-company').length,
    );
    const cases = data.events.filter((e) => e.status !== 'rejected' && e.status !== 'merged');
    expect(city.events.byCategory).toEqual(by(cases, (e) => e.itemCode.slice(0, 2)));
    expect(city.events.byStatus).toEqual(by(cases, (e) => e.status));
    expect(Object.keys(city.events.byMonth)).toHaveLength(12);
    expect(city.things.byCategory).toEqual(by(data.components, (c) => c.categoryCode));
    expect(city.things.sensorsByKind).toEqual(by(data.sensors, (s) => s.kind));
    expect(city.things.camerasByOwner).toEqual(by(data.cameras, (c) => c.owner));
    expect(city.sentiment.byTopic).toEqual(by(data.sentiments, (s) => s.topic));
    expect(total(city.sentiment.byPolarity)).toBe(data.sentiments.length);
    expect(city.organisations.byKind).toEqual(by(data.organisations, (o) => o.kind));
    expect(city.organisations.unitHeads).toBe(data.unitHeads.length);
    // the counts folded from the grouped rows (unitSummary.ts) equal the records' own
    expect(city.people.residents).toBe(data.residents.length);
    expect(city.people.elderlyAlone).toBe(data.residents.filter((r) => r.tags.includes('elderly-alone')).length);
    expect(city.people.partyMembers).toBe(data.residents.filter((r) => r.tags.includes('party-member')).length);
    expect(city.things.components).toBe(data.components.length);
    expect(city.events.total).toBe(cases.length);
    expect(city.events.closed).toBe(cases.filter((e) => e.status === 'closed').length);
    expect(city.events.open).toBe(cases.length - city.events.closed);
    expect(city.sentiment.negative).toBe(data.sentiments.filter((s) => s.polarity < 0).length);
  });

  it('keep a unit’s standing elements by data version: a component’s new state shows at once', async () => {
    const component = data.components.find((c) => c.state === 'normal')!;
    const path = (await db.one<{ path: string }>('SELECT path FROM admin_units WHERE id = $1', [component.gridId]))!
      .path;
    const before = await getUnitSummary(db, path, SMALL.today);
    // Kept: read again with nothing changed, the standing tables are not queried (the cases are).
    const again = await watchingReads(db, () => getUnitSummary(db, path, SMALL.today));
    expect(again.value).toEqual(before);
    expect(again.tables.has('residents') || again.tables.has('components')).toBe(false);
    expect(await setComponentState(db, component.id, 'damaged')).toBe(true); // moves the components' version
    const read = await watchingReads(db, () => getUnitSummary(db, path, SMALL.today));
    expect(read.tables.has('components')).toBe(true);
    const after = read.value;
    expect(after.things.byState).toEqual({
      ...before.things.byState,
      normal: before.things.byState.normal! - 1,
      damaged: (before.things.byState.damaged ?? 0) + 1,
    });
    expect({ ...after, things: before.things }).toEqual(before);
    await setComponentState(db, component.id, 'normal');
  });

  it('show the analyst no name, identity number or phone, here or in the trends', async () => {
    const grid = data.adminUnits.find((u) => u.level === 'grid' && data.gridWorkers.some((w) => w.gridId === u.id))!;
    await summary(grid.id);
    for (const url of [
      `/api/stats/events/trend?unit=${grid.id}&by=month`,
      `/api/stats/events/forecast?unit=${grid.id}&by=week`,
      '/api/stats/events/anomalies?level=grid&by=month',
    ]) {
      const res = await call(app, 'GET', url, { cookie });
      expect(res.status, url).toBe(200);
      answers.push(res.text);
    }
    const people = [...data.residents, ...data.gridWorkers];
    const secrets = new Set(
      people.flatMap((p) => [...(p.phone ? [p.phone] : []), ...('idNumber' in p ? [p.idNumber] : [])]),
    );
    const names = new Set(people.map((p) => p.name));
    const strings = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap((x) => strings(x)) : [];
    expect(answers.length).toBeGreaterThan(20);
    // The detector itself finds a phone and an identity number where there is one.
    const adult = data.residents.find((r) => r.phone)!;
    const control = JSON.stringify({ a: adult.phone, b: adult.idNumber });
    expect((control.match(/[0-9]{11,17}[0-9X]?/g) ?? []).filter((r) => secrets.has(r))).toHaveLength(2);
    for (const text of answers) {
      // Phones have 11 digits, identity numbers 18 (the last may be X): look at every such run.
      for (const run of text.match(/[0-9]{11,17}[0-9X]?/g) ?? []) expect(secrets.has(run), run).toBe(false);
      for (const s of strings(JSON.parse(text))) expect(names.has(s), s).toBe(false);
    }
  });
});
