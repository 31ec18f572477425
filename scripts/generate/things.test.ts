import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_SUBTYPES, MANHOLE_SUBTYPE_CODES } from '../../server/domain/componentCatalog';
import { DEPARTMENT_IDS } from '../../server/domain/departments';
import type { AdminUnit, LonLat } from '../../server/domain/model';
import { type Geography, generateGeography, loadReference } from './geography/index';
import { Rng } from './random';
import { generateThings, SMART_MANHOLE_ROADS, type Things } from './things';

let geo: Geography;
let things: Things;
let grids: Map<string, AdminUnit>;

beforeAll(() => {
  geo = generateGeography(new Rng(11), loadReference());
  things = generateThings(new Rng(12), 1, geo);
  grids = new Map(geo.adminUnits.filter((u) => u.level === 'grid').map((u) => [u.id, u]));
}, 60_000); // the geography at scale 1: about 3 s alone, much longer on a busy machine

describe('things at scale 1', () => {
  it.each([
    ['components', 24_772],
    ['cameras', 1_309],
    ['patrolPoints', 539],
  ] as const)('has exactly the article’s %s: %d', (key, n) => {
    expect(things[key]).toHaveLength(n);
  });

  it('puts every thing inside the grid polygon it names', () => {
    const all: { id: string; position: LonLat; gridId: string }[] = [
      ...things.components,
      ...things.cameras,
      ...things.patrolPoints,
      ...things.sensors,
    ];
    for (const t of all) {
      const grid = grids.get(t.gridId);
      expect(grid, t.id).toBeDefined();
      expect(turf.booleanPointInPolygon(t.position, grid!.geometry), t.id).toBe(true);
    }
    // some, but fewer, in the pilot villages
    const village = things.components.filter((c) => grids.get(c.gridId)!.area === 'village').length;
    expect(village).toBeGreaterThan(0);
    expect(village).toBeLessThan(things.components.length / 2);
  });

  it('codes and classifies components after the catalogue', () => {
    const subtypes = new Map(COMPONENT_SUBTYPES.map((t) => [t.code, t]));
    const roads = new Set(geo.roads.map((r) => r.id));
    for (const c of things.components) {
      const t = subtypes.get(c.subtypeCode)!;
      expect(c.code).toMatch(new RegExp(`^340881-${c.categoryCode}-${c.subtypeCode}-\\d{6}$`));
      expect(c.subtype).toBe(t.name);
      expect(c.departmentId).toBe(t.departmentId);
      expect(DEPARTMENT_IDS).toContain(c.departmentId);
      if (c.roadId !== null) expect(roads.has(c.roadId)).toBe(true);
      if (t.placement === 'main-road' || t.placement === 'any-road') expect(c.roadId).not.toBeNull();
    }
    expect(new Set(things.components.map((c) => c.code)).size).toBe(things.components.length);
    const normal = things.components.filter((c) => c.state === 'normal').length / things.components.length;
    expect(normal).toBeGreaterThan(0.93);
    expect(normal).toBeLessThan(0.99);
  });

  it('splits cameras about 60/40 between police and urban management, within their ranges', () => {
    const police = things.cameras.filter((c) => c.owner === 'police').length;
    expect(police).toBe(Math.round(1_309 * 0.6));
    for (const c of things.cameras) {
      expect(c.fovDeg).toBeGreaterThanOrEqual(40);
      expect(c.fovDeg).toBeLessThanOrEqual(90);
      expect(c.rangeM).toBeGreaterThanOrEqual(50);
      expect(c.rangeM).toBeLessThanOrEqual(150);
      expect(c.heightM).toBeGreaterThanOrEqual(4);
      expect(c.heightM).toBeLessThanOrEqual(8);
      expect(c.headingDeg).toBeGreaterThanOrEqual(0);
      expect(c.headingDeg).toBeLessThan(360);
    }
    const online = things.cameras.filter((c) => c.online).length / things.cameras.length;
    expect(online).toBeGreaterThan(0.92);
    expect(online).toBeLessThan(0.98);
  });

  it('names patrol points of all four kinds in Chinese', () => {
    for (const kind of ['main-road', 'secondary-road', 'market', 'compound'] as const) {
      const list = things.patrolPoints.filter((p) => p.kind === kind);
      expect(list.length).toBeGreaterThan(10);
      for (const p of list) expect(p.name).toMatch(/^\p{Script=Han}[\p{Script=Han}\d]+$/u);
    }
  });

  it('sets smart manholes on manhole covers of urban main roads, gauges on the river', () => {
    const byKind = (k: string) => things.sensors.filter((s) => s.kind === k);
    expect(byKind('manhole')).toHaveLength(120);
    expect(byKind('rain-gauge')).toHaveLength(12);
    expect(byKind('river-gauge')).toHaveLength(4);
    const components = new Map(things.components.map((c) => [c.id, c]));
    const roads = new Map(geo.roads.map((r) => [r.id, r]));
    for (const s of byKind('manhole')) {
      expect(s.id).toMatch(/^MH-\d{4}$/);
      const c = components.get(s.componentId!)!;
      expect(MANHOLE_SUBTYPE_CODES).toContain(c.subtypeCode);
      const road = roads.get(c.roadId!)!;
      expect(road.class).toBe('main');
      expect(SMART_MANHOLE_ROADS as readonly string[]).toContain(road.name);
      expect(s.position).toEqual(c.position);
      expect(s.gridId).toBe(c.gridId);
    }
    const river = turf.lineString(geo.rivers[0]!.line);
    for (const s of byKind('river-gauge')) {
      expect(s.id).toMatch(/^RL-\d{2}$/);
      expect(turf.pointToLineDistance(s.position, river, { units: 'meters' })).toBeLessThan(
        geo.rivers[0]!.widthM / 2 + 5,
      );
    }
    for (const s of byKind('rain-gauge')) expect(s.id).toMatch(/^RG-\d{2}$/);
  });
});

describe('scaling and determinism', () => {
  it.each([0.1, 0.02])('scales volumes at %s', (scale) => {
    const small = generateThings(new Rng(12), scale, geo);
    expect(small.components).toHaveLength(Math.round(24_772 * scale));
    expect(small.cameras).toHaveLength(Math.round(1_309 * scale));
    expect(small.patrolPoints).toHaveLength(Math.round(539 * scale));
  });

  it('makes identical things from the same seed', () => {
    const again = generateThings(new Rng(12), 1, geo);
    expect(again).toEqual(things);
    expect(JSON.stringify(again)).toBe(JSON.stringify(things));
  });
});
