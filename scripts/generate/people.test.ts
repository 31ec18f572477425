import { beforeAll, describe, expect, it } from 'vitest';
import { birthDateOfIdNumber, isValidIdNumber, isValidPhone, sexOfIdNumber } from '../../server/domain/identity';
import type { Building } from '../../server/domain/model';
import { DEFAULT_AS_OF, generatePopulation, householdBounds, type Population } from './people';
import { measurePeople } from './peopleMeasures';
import { Rng } from './random';
import { FULL_STRUCTURE, syntheticCity } from './syntheticCity';

const city = syntheticCity(FULL_STRUCTURE);
let pop: Population;

beforeAll(() => {
  pop = generatePopulation(new Rng(7).fork('people'), 1, city);
}, 60_000);

describe('generatePopulation at scale 1', () => {
  it('makes exactly 240,000 residents in 304 × 300–500 households', () => {
    expect(pop.residents).toHaveLength(240_000);
    expect(pop.households.length).toBeGreaterThanOrEqual(304 * 300);
    expect(pop.households.length).toBeLessThanOrEqual(304 * 500);
    expect(pop.households.reduce((a, h) => a + h.size, 0)).toBe(240_000);
  });

  it('puts 300–500 households in every one of the 304 grids', () => {
    const grids = city.adminUnits.filter((u) => u.level === 'grid');
    expect(grids).toHaveLength(304);
    const perGrid = new Map<string, number>();
    for (const h of pop.households) perGrid.set(h.gridId, (perGrid.get(h.gridId) ?? 0) + 1);
    for (const g of grids) {
      expect(perGrid.get(g.id)).toBeGreaterThanOrEqual(300);
      expect(perGrid.get(g.id)).toBeLessThanOrEqual(500);
    }
  });

  it('houses households in residential buildings of their own grid, within the dwellings', () => {
    const byId = new Map(city.buildings.map((b) => [b.id, b]));
    const perBuilding = new Map<string, number>();
    for (const h of pop.households) {
      const b = byId.get(h.buildingId)!;
      expect(['residential', 'village-house']).toContain(b.use);
      expect(b.gridId).toBe(h.gridId);
      expect(h.address.startsWith(b.address)).toBe(true);
      expect(h.size).toBeGreaterThanOrEqual(1);
      expect(h.size).toBeLessThanOrEqual(6);
      perBuilding.set(b.id, (perBuilding.get(b.id) ?? 0) + 1);
    }
    for (const [id, n] of perBuilding) expect(n).toBeLessThanOrEqual(byId.get(id)!.dwellings);
    expect(new Set(pop.households.map((h) => h.address)).size).toBe(pop.households.length);
  });

  it('has a believable household size distribution', () => {
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (const h of pop.households) counts[h.size]!++;
    const share = (s: number) => counts[s]! / pop.households.length;
    expect(share(1)).toBeGreaterThan(0.15);
    expect(share(2)).toBeGreaterThan(0.2);
    expect(share(3)).toBeGreaterThan(0.15);
    expect(share(6)).toBeGreaterThan(0.01);
    expect(share(6)).toBeLessThan(0.1);
  });

  it('gives every resident a valid, unique 340881 identity number matching sex and birth date', () => {
    const ids = new Set<string>();
    for (const r of pop.residents) {
      expect(r.idNumber.startsWith('340881')).toBe(true);
      expect(isValidIdNumber(r.idNumber)).toBe(true);
      expect(sexOfIdNumber(r.idNumber)).toBe(r.sex);
      expect(birthDateOfIdNumber(r.idNumber)).toBe(r.birthDate);
      if (r.phone !== null) expect(isValidPhone(r.phone)).toBe(true);
      ids.add(r.idNumber);
    }
    expect(ids.size).toBe(pop.residents.length);
  });

  it('has an ageing population, tags in proportion, and families mostly sharing a surname', () => {
    const asOf = Date.UTC(2026, 10, 1);
    const age = (d: string) => (asOf - Date.parse(d)) / (365.25 * 86_400_000);
    const ages = pop.residents.map((r) => age(r.birthDate));
    expect(ages.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0);
    expect(ages.reduce((a, b) => Math.max(a, b))).toBeLessThan(101);
    const over60 = ages.filter((a) => a >= 60).length / ages.length;
    expect(over60).toBeGreaterThan(0.2);
    expect(over60).toBeLessThan(0.4);

    const share = (tag: string, of = pop.residents) =>
      of.filter((r) => r.tags.includes(tag as never)).length / of.length;
    const adults = pop.residents.filter((_, i) => ages[i]! >= 18);
    expect(share('disabled')).toBeGreaterThan(0.012);
    expect(share('disabled')).toBeLessThan(0.03);
    expect(share('low-income')).toBeGreaterThan(0.02);
    expect(share('low-income')).toBeLessThan(0.045);
    expect(share('party-member', adults)).toBeGreaterThan(0.065);
    expect(share('party-member', adults)).toBeLessThan(0.095);
    expect(share('veteran')).toBeGreaterThan(0);
    expect(share('left-behind-child')).toBeGreaterThan(0);
    for (const [i, r] of pop.residents.entries()) {
      if (r.tags.includes('elderly-alone')) expect(ages[i]).toBeGreaterThanOrEqual(65);
      if (r.tags.includes('left-behind-child')) expect(ages[i]).toBeLessThan(16);
      if (r.tags.includes('party-member')) expect(ages[i]).toBeGreaterThanOrEqual(18);
    }

    // Within households of 3+, the most common surname covers most members.
    const byHousehold = new Map<string, string[]>();
    for (const r of pop.residents) {
      const list = byHousehold.get(r.householdId) ?? [];
      list.push(r.name[0]!);
      byHousehold.set(r.householdId, list);
    }
    let shared = 0;
    let total = 0;
    for (const names of byHousehold.values()) {
      if (names.length < 3) continue;
      const counts = new Map<string, number>();
      for (const s of names) counts.set(s, (counts.get(s) ?? 0) + 1);
      shared += Math.max(...counts.values());
      total += names.length;
    }
    expect(shared / total).toBeGreaterThan(0.6);
  });
});

// Targets and their sources: data/reference/README.md (approximate public figures). Ranges, not outputs.
describe('generatePopulation calibrated to Anhui (scale 1)', () => {
  const measured = () => measurePeople({ ...city, ...pop, asOf: DEFAULT_AS_OF });

  it('has about 104 men per 100 women, fewer men than women at 60–79, and few births since 2022', () => {
    const m = measured();
    expect(m.sexRatio.all).toBeGreaterThan(101);
    expect(m.sexRatio.all).toBeLessThan(107);
    expect(m.sexRatio.from60to79).toBeGreaterThan(78);
    expect(m.sexRatio.from60to79).toBeLessThan(89);
    expect(m.sexRatio.under20).toBeGreaterThan(105); // boys ahead in the 2000s–2010s cohorts
    expect(m.birthsPerThousand).toBeGreaterThan(5.5);
    expect(m.birthsPerThousand).toBeLessThan(8.5);
  });

  it('empties the villages of working-age adults, phones only from 12, tags that follow the household', () => {
    const m = measured();
    expect(m.awayFrom20to59.village).toBeGreaterThan(0.3);
    expect(m.awayFrom20to59.village).toBeLessThan(0.55);
    expect(m.awayFrom20to59.urban).toBeLessThan(0.12);
    expect(m.phones).toEqual({ under12With: 0, from12Without: 0 });
    expect(m.elderlyAlone.living).toBeGreaterThan(0);
    expect(m.elderlyAlone.tagged).toBe(m.elderlyAlone.living);
    expect(m.elderlyAlone.taggedNotAlone).toBe(0);
    expect(m.leftBehind.living).toBeGreaterThan(0);
    expect(m.leftBehind.tagged).toBe(m.leftBehind.living);
    expect(m.leftBehind.taggedNotLeftBehind).toBe(0);
    expect(m.lowIncome.village).toBeGreaterThan(1.8 * m.lowIncome.urban);
  });

  it('gives villages their clans and spreads urban grids over 300–500 households', () => {
    const m = measured();
    expect(m.topThreeSurnames.village).toBeGreaterThan(0.4);
    expect(m.topThreeSurnames.leastVillage).toBeGreaterThan(0.25);
    expect(m.topThreeSurnames.community).toBeLessThan(0.3);
    const u = m.urbanHouseholdsPerGrid;
    expect(u.min).toBeGreaterThanOrEqual(300);
    expect(u.q1).toBeGreaterThan(330);
    expect(u.median).toBeGreaterThan(360);
    expect(u.max).toBeGreaterThan(420);
  });
});

describe('generatePopulation at other scales', () => {
  it.each([0.1, 0.01, 0.5])('keeps the exact total and per-grid bounds at scale %f', (scale) => {
    const p = generatePopulation(new Rng(3), scale, city);
    const { min, max } = householdBounds(scale);
    expect(p.residents).toHaveLength(Math.round(240_000 * scale));
    const perGrid = new Map<string, number>();
    for (const h of p.households) perGrid.set(h.gridId, (perGrid.get(h.gridId) ?? 0) + 1);
    expect(perGrid.size).toBe(304);
    for (const n of perGrid.values()) {
      expect(n).toBeGreaterThanOrEqual(min);
      expect(n).toBeLessThanOrEqual(max);
    }
  });

  it('is deterministic: same seed, same people; another seed, other people', () => {
    // The per-grid bounds need the full 304 grids; a small scale keeps it quick.
    const a = generatePopulation(new Rng(11), 0.05, city);
    const b = generatePopulation(new Rng(11), 0.05, city);
    const c = generatePopulation(new Rng(12), 0.05, city);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a.residents).toHaveLength(12_000);
  });

  it('never puts more households in a building than its dwellings, even when space is tight', () => {
    // 304 grids of 310 homes (no village houses): 94,240 dwellings for 240,000 residents.
    const tight = syntheticCity({
      ...FULL_STRUCTURE,
      blocksPerGrid: 5,
      dwellingsPerBlock: 62,
      housesPerVillageGrid: 0,
    });
    const p = generatePopulation(new Rng(1), 1, tight);
    const cap = new Map(tight.buildings.map((b: Building) => [b.id, b.dwellings]));
    const per = new Map<string, number>();
    for (const h of p.households) per.set(h.buildingId, (per.get(h.buildingId) ?? 0) + 1);
    for (const [id, n] of per) expect(n).toBeLessThanOrEqual(cap.get(id)!);
    expect(p.residents).toHaveLength(240_000);
    expect(p.households.length).toBeLessThanOrEqual(94_240);
  });

  it('names the problem when residents cannot fit', () => {
    const tiny = syntheticCity({
      ...FULL_STRUCTURE,
      communities: 1,
      urbanGrids: 1,
      villages: 0,
      villageGrids: 0,
      blocksPerGrid: 1,
      dwellingsPerBlock: 10,
    });
    expect(() => generatePopulation(new Rng(1), 1, tiny)).toThrow(/do not fit/);
  });
});
