// The words of the small dataset: case descriptions and sentiment posts built from templates (places,
// times, details; scripts/generate/caseText.ts, sentiment.ts), hardly ever repeated, every description
// in its taxonomy item's terms; and one naming style for the units on the map (社区 in the city, 村 in
// the villages).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { taxonomyTerms } from '../scripts/generate/caseWords';
import type { CityDataset } from '../server/domain/model';
import { readDataset } from './helpers/dataset';

let data: CityDataset;

beforeAll(() => {
  data = readDataset(inject('smallDataDir'));
});

describe('the small dataset’s words', () => {
  it('describe cases in their taxonomy item’s terms, almost never the same text twice', () => {
    const terms = new Map(data.taxonomy.items.map((i) => [i.code, taxonomyTerms(i.code)]));
    const off = data.events.filter((e) => !terms.get(e.itemCode)!.some((t) => e.description.includes(t)));
    expect(off.map((e) => `${e.itemCode} ${e.description}`)).toEqual([]);
    // a duplicate report (merged) repeats its model case's words on purpose
    const own = data.events.filter((e) => e.status !== 'merged');
    expect(new Set(own.map((e) => e.description)).size / own.length).toBeGreaterThan(0.9);
  });

  it('name the place and the unit in the description', () => {
    const unitOf = new Map(data.adminUnits.map((u) => [u.id, u]));
    const named = data.events.filter((e) => {
      const grid = unitOf.get(e.gridId)!;
      const unit = unitOf.get(grid.parentId!)!;
      // the community or village, its grid, or a village group or address naming the village
      return [unit.name, grid.name, unit.name.replace(/(社区|村)$/, '')].some((n) => e.description.includes(n));
    });
    expect(named.length / data.events.length).toBeGreaterThan(0.7);
  });

  it('vary sentiment posts', () => {
    const texts = data.sentiments.map((s) => s.text);
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.8);
  });

  it('name communities 社区 and villages 村, and each grid after its unit', () => {
    const unitOf = new Map(data.adminUnits.map((u) => [u.id, u]));
    for (const u of data.adminUnits) {
      if (u.level === 'community') expect(u.name).toMatch(/社区$/);
      if (u.level === 'village') expect(u.name).toMatch(/村$/);
      if (u.level === 'grid') expect(u.name.startsWith(unitOf.get(u.parentId!)!.name), u.name).toBe(true);
      expect(u.name).not.toMatch(/居委会|村委会|委员会/);
    }
  });
});
