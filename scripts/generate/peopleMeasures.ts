// The population's calibrated properties, measured from the records alone (residents, households,
// admin units): what the tests hold against the targets of data/reference/README.md, and what a reader
// can print for any generated dataset. Nothing here knows how the generator made them.
import type { AdminUnit, Household, Resident } from '../../server/domain/model';

const YEAR_MS = 365.25 * 86_400_000;

export interface PeopleInput {
  adminUnits: readonly AdminUnit[];
  households: readonly Household[];
  residents: readonly Resident[];
  /** The date ages are counted to (the dataset's today). */
  asOf: string;
}

export interface PeopleMeasures {
  /** Men per 100 women: everyone, and by age band. */
  sexRatio: { all: number; under20: number; from20to59: number; from60to79: number; from80: number };
  /** Residents born since 1 January 2022, per 1,000 residents and year. */
  birthsPerThousand: number;
  shareOver60: number;
  /** Share of registered residents aged 20–59 who live elsewhere, in village and in urban grids. */
  awayFrom20to59: { village: number; urban: number };
  /** Residents under 12 with a phone, and 12 and over without one. */
  phones: { under12With: number; from12Without: number };
  /** Residents aged 65+ with nobody else of the household at home, and how many of them are tagged elderly-alone. */
  elderlyAlone: { living: number; tagged: number; taggedNotAlone: number };
  /** Children under 16 in village grids with no adult of 18–54 at home, and the left-behind-child tags. */
  leftBehind: { living: number; tagged: number; taggedNotLeftBehind: number };
  /** Share of residents tagged low-income, in village and in urban grids. */
  lowIncome: { village: number; urban: number };
  /** Households per urban grid: quartiles. */
  urbanHouseholdsPerGrid: { min: number; q1: number; median: number; q3: number; max: number };
  /** Share of residents carrying their unit's three commonest surnames: median over villages, over communities. */
  topThreeSurnames: { village: number; community: number; leastVillage: number };
}

export function surnameOf(name: string): string {
  return /^(欧阳|司马|诸葛|上官|东方|尉迟|公孙|长孙)/.test(name) ? name.slice(0, 2) : name.slice(0, 1);
}

const ratio = (m: number, f: number) => (f === 0 ? Number.NaN : (100 * m) / f);
const share = (n: number, of: number) => (of === 0 ? Number.NaN : n / of);

function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.round(p * (sorted.length - 1))] ?? Number.NaN;
}

export function measurePeople(o: PeopleInput): PeopleMeasures {
  const asOf = Date.parse(o.asOf);
  const unit = new Map(o.adminUnits.map((u) => [u.id, u]));
  const isVillage = (gridId: string) => unit.get(gridId)?.area === 'village';
  const age = new Map(o.residents.map((r) => [r.id, (asOf - Date.parse(r.birthDate)) / YEAR_MS]));
  const atHome = new Map<string, Resident[]>();
  for (const r of o.residents) {
    if (r.livesElsewhere) continue;
    const list = atHome.get(r.householdId) ?? [];
    list.push(r);
    atHome.set(r.householdId, list);
  }

  const bands = { all: [0, 0], under20: [0, 0], from20to59: [0, 0], from60to79: [0, 0], from80: [0, 0] };
  const away = { village: [0, 0], urban: [0, 0] };
  const low = { village: [0, 0], urban: [0, 0] };
  const phones = { under12With: 0, from12Without: 0 };
  const alone = { living: 0, tagged: 0, taggedNotAlone: 0 };
  const behind = { living: 0, tagged: 0, taggedNotLeftBehind: 0 };
  let born = 0;
  let over60 = 0;
  for (const r of o.residents) {
    const a = age.get(r.id)!;
    const k = r.sex === 'M' ? 0 : 1;
    bands.all[k]!++;
    const band = a < 20 ? 'under20' : a < 60 ? 'from20to59' : a < 80 ? 'from60to79' : 'from80';
    bands[band][k]!++;
    if (a >= 60) over60++;
    if (r.birthDate >= '2022-01-01') born++;
    const area = isVillage(r.gridId) ? 'village' : 'urban';
    if (a >= 20 && a < 60) {
      away[area][1]!++;
      if (r.livesElsewhere) away[area][0]!++;
    }
    low[area][1]!++;
    if (r.tags.includes('low-income')) low[area][0]!++;
    if (a < 12 && r.phone !== null) phones.under12With++;
    if (a >= 12 && r.phone === null) phones.from12Without++;
    const home = atHome.get(r.householdId) ?? [];
    const livesAlone = a >= 65 && !r.livesElsewhere && home.length === 1;
    const taggedAlone = r.tags.includes('elderly-alone');
    if (livesAlone) alone.living++;
    if (livesAlone && taggedAlone) alone.tagged++;
    if (taggedAlone && !livesAlone) alone.taggedNotAlone++;
    const leftBehind =
      area === 'village' &&
      a < 16 &&
      !r.livesElsewhere &&
      !home.some((m) => {
        const ma = age.get(m.id)!;
        return ma >= 18 && ma < 55;
      });
    const taggedBehind = r.tags.includes('left-behind-child');
    if (leftBehind) behind.living++;
    if (leftBehind && taggedBehind) behind.tagged++;
    if (taggedBehind && !leftBehind) behind.taggedNotLeftBehind++;
  }

  const perGrid = new Map<string, number>();
  for (const g of o.adminUnits) if (g.level === 'grid' && g.area !== 'village') perGrid.set(g.id, 0);
  for (const h of o.households) if (perGrid.has(h.gridId)) perGrid.set(h.gridId, perGrid.get(h.gridId)! + 1);
  const counts = [...perGrid.values()].sort((a, b) => a - b);

  // Surnames by the unit above the grid (a village, or an urban community).
  const names = new Map<string, string[]>();
  for (const r of o.residents) {
    const parent = unit.get(r.gridId)?.parentId;
    if (!parent) continue;
    const list = names.get(parent) ?? [];
    list.push(surnameOf(r.name));
    names.set(parent, list);
  }
  const topThree = (level: 'village' | 'community') =>
    [...names]
      .filter(([id]) => unit.get(id)?.level === level)
      .map(([, list]) => {
        const c = new Map<string, number>();
        for (const s of list) c.set(s, (c.get(s) ?? 0) + 1);
        const top = [...c.values()].sort((a, b) => b - a).slice(0, 3);
        return top.reduce((a, b) => a + b, 0) / list.length;
      })
      .sort((a, b) => a - b);
  const villages = topThree('village');
  const communities = topThree('community');
  const years = (asOf - Date.parse('2022-01-01T00:00:00Z')) / YEAR_MS;

  return {
    sexRatio: {
      all: ratio(bands.all[0]!, bands.all[1]!),
      under20: ratio(bands.under20[0]!, bands.under20[1]!),
      from20to59: ratio(bands.from20to59[0]!, bands.from20to59[1]!),
      from60to79: ratio(bands.from60to79[0]!, bands.from60to79[1]!),
      from80: ratio(bands.from80[0]!, bands.from80[1]!),
    },
    birthsPerThousand: (1000 * born) / years / o.residents.length,
    shareOver60: share(over60, o.residents.length),
    awayFrom20to59: {
      village: share(away.village[0]!, away.village[1]!),
      urban: share(away.urban[0]!, away.urban[1]!),
    },
    phones,
    elderlyAlone: alone,
    leftBehind: behind,
    lowIncome: { village: share(low.village[0]!, low.village[1]!), urban: share(low.urban[0]!, low.urban[1]!) },
    urbanHouseholdsPerGrid: {
      min: counts[0] ?? Number.NaN,
      q1: quantile(counts, 0.25),
      median: quantile(counts, 0.5),
      q3: quantile(counts, 0.75),
      max: counts.at(-1) ?? Number.NaN,
    },
    topThreeSurnames: {
      village: quantile(villages, 0.5),
      community: quantile(communities, 0.5),
      leastVillage: villages[0] ?? Number.NaN,
    },
  };
}
