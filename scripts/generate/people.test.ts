import { describe, expect, it } from 'vitest';
import type { Building } from '../../server/domain/model';
import { generatePopulation, householdBounds } from './people';
import { Rng } from './random';
import { FULL_STRUCTURE, syntheticCity } from './syntheticCity';

// The population at scale 1 (240,000 people: counts, housing, identities, the census calibration) is
// checked once, on the full-scale dataset, in tests/fullScale.test.ts; here the generator's other
// scales, its determinism and its limits, on a synthetic city.
const city = syntheticCity(FULL_STRUCTURE);

describe('generatePopulation at other scales', () => {
  it.each([0.1, 0.01, 0.25])('keeps the exact total and per-grid bounds at scale %f', (scale) => {
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
    // A quarter of the people in 304 grids of 80 homes (no village houses): 24,320 dwellings for
    // 60,000 residents, each grid just above the scale's floor of 75 households.
    const tight = syntheticCity({
      ...FULL_STRUCTURE,
      blocksPerGrid: 5,
      dwellingsPerBlock: 16,
      housesPerVillageGrid: 0,
    });
    const p = generatePopulation(new Rng(1), 0.25, tight);
    const cap = new Map(tight.buildings.map((b: Building) => [b.id, b.dwellings]));
    const per = new Map<string, number>();
    for (const h of p.households) per.set(h.buildingId, (per.get(h.buildingId) ?? 0) + 1);
    for (const [id, n] of per) expect(n).toBeLessThanOrEqual(cap.get(id)!);
    expect(p.residents).toHaveLength(60_000);
    expect(p.households.length).toBeLessThanOrEqual(24_320);
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
