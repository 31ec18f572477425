// The small dataset's people against Anhui's census-based targets (data/reference/README.md): each
// property measured from the records (scripts/generate/peopleMeasures.ts), held to a range around its
// target wide enough for 4,800 residents. The planted vulnerable compounds (hotspots.json: every
// household there low-income) are left out of the low-income comparison, which is about the rest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { PlantedHotspot } from '../scripts/generate/hotspots';
import { measurePeople, type PeopleMeasures } from '../scripts/generate/peopleMeasures';
import type { CityDataset } from '../server/domain/model';
import { readDataset } from './helpers/dataset';
import { SMALL } from './helpers/small';

let data: CityDataset;
let m: PeopleMeasures;
let unplanted: PeopleMeasures;

beforeAll(() => {
  const dir = inject('smallDataDir');
  data = readDataset(dir);
  m = measurePeople({ ...data, asOf: SMALL.today });
  const hotspots = JSON.parse(readFileSync(join(dir, 'dataset', 'hotspots.json'), 'utf8')) as PlantedHotspot[];
  const planted = new Set(hotspots.flatMap((h) => h.buildingIds ?? []));
  const plantedHouseholds = new Set(data.households.filter((h) => planted.has(h.buildingId)).map((h) => h.id));
  unplanted = measurePeople({
    ...data,
    residents: data.residents.filter((r) => !plantedHouseholds.has(r.householdId)),
    asOf: SMALL.today,
  });
});

describe('the small dataset’s people', () => {
  it('have about 104 men per 100 women, about 83 at ages 60–79, and about 7 births per 1,000 a year since 2022', () => {
    expect(m.sexRatio.all).toBeGreaterThan(97);
    expect(m.sexRatio.all).toBeLessThan(111);
    expect(m.sexRatio.from60to79).toBeGreaterThan(72);
    expect(m.sexRatio.from60to79).toBeLessThan(95);
    expect(m.birthsPerThousand).toBeGreaterThan(4.5);
    expect(m.birthsPerThousand).toBeLessThan(9.5);
  });

  it('leave the villages short of working-age adults, registered there and living elsewhere', () => {
    expect(m.awayFrom20to59.village).toBeGreaterThan(0.3);
    expect(m.awayFrom20to59.village).toBeLessThan(0.52);
    expect(m.awayFrom20to59.urban).toBeLessThan(0.12);
    expect(data.residents.some((r) => r.livesElsewhere)).toBe(true);
  });

  it('have phones from age 12 only, and tags that follow the household', () => {
    expect(m.phones).toEqual({ under12With: 0, from12Without: 0 });
    expect(m.elderlyAlone.living).toBeGreaterThan(0);
    expect(m.elderlyAlone.tagged).toBe(m.elderlyAlone.living);
    expect(m.elderlyAlone.taggedNotAlone).toBe(0);
    expect(m.leftBehind.living).toBeGreaterThan(0);
    expect(m.leftBehind.tagged).toBe(m.leftBehind.living);
    expect(m.leftBehind.taggedNotLeftBehind).toBe(0);
  });

  it('are poorer in the villages, and carry their village’s clan surnames', () => {
    expect(unplanted.lowIncome.village).toBeGreaterThan(1.5 * unplanted.lowIncome.urban);
    expect(m.topThreeSurnames.village).toBeGreaterThan(m.topThreeSurnames.community + 0.1);
  });

  it('fill urban grids across the scaled 300–500 households, not at the floor', () => {
    const floor = Math.floor(300 * SMALL.scale);
    const u = m.urbanHouseholdsPerGrid;
    expect(u.min).toBeGreaterThanOrEqual(floor);
    expect(u.median).toBeGreaterThan(floor);
    expect(u.max).toBeGreaterThan(u.median);
  });
});
