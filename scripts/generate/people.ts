// People (人): households in the residential buildings of every responsibility grid, and their
// residents with synthetic names, identity numbers of region 340881, phones and tags.
// Rules (FACTS.md): exactly scaled(240,000) residents; about residents / 2.5 households; every grid
// holds 300–500 households at scale 1 (floor(300·scale)–ceil(500·scale) otherwise, at least 1);
// never more households in a building than it has dwellings.
import { COUNTY_CODE, HOUSEHOLDS_PER_GRID, scaled, VOLUMES } from '../../server/domain/facts';
import { MOBILE_PREFIXES, makeIdNumber, makePhone } from '../../server/domain/identity';
import type { AdminUnit, Building, Household, Resident, ResidentTag } from '../../server/domain/model';
import { dwellingPlace } from './dwellings';
import { fullName, pickSurname } from './names';
import type { Rng } from './random';

export type Progress = (done: number, total: number, label: string) => void;

export interface PopulationInput {
  adminUnits: AdminUnit[];
  buildings: Building[];
  /** The date ages are counted to (the dataset's 'today'); default 2026-11-01. */
  asOf?: string;
}

export interface Population {
  households: Household[];
  residents: Resident[];
}

export const DEFAULT_AS_OF = '2026-11-01T00:00:00Z';

export function isHome(b: Building): boolean {
  return (b.use === 'residential' || b.use === 'village-house') && b.dwellings > 0;
}

/** The bounds on households per grid at `scale`. */
export function householdBounds(scale: number): { min: number; max: number } {
  return {
    min: Math.max(1, Math.floor(HOUSEHOLDS_PER_GRID.min * scale)),
    max: Math.max(1, Math.ceil(HOUSEHOLDS_PER_GRID.max * scale)),
  };
}

export function generatePopulation(rng: Rng, scale: number, input: PopulationInput, onProgress?: Progress): Population {
  const grids = input.adminUnits.filter((u) => u.level === 'grid');
  const homesByGrid = new Map<string, Building[]>(grids.map((g) => [g.id, []]));
  for (const b of input.buildings) if (isHome(b)) homesByGrid.get(b.gridId)?.push(b);

  const residentsTotal = scaled(VOLUMES.residents, scale);
  const perGrid = allocateHouseholds(rng.fork('households-per-grid'), scale, residentsTotal, grids, homesByGrid);
  const householdCount = perGrid.reduce((a, b) => a + b, 0);
  const sizes = householdSizes(rng.fork('household-sizes'), residentsTotal, grids, perGrid);

  const households = placeHouseholds(rng.fork('placement'), grids, perGrid, homesByGrid, sizes);
  const residents = peopleHouseholds(rng.fork('residents'), households, grids, input.asOf ?? DEFAULT_AS_OF, onProgress);
  if (residents.length !== residentsTotal || households.length !== householdCount) {
    throw new Error(
      `population: made ${residents.length} residents in ${households.length} households, wanted ${residentsTotal}`,
    );
  }
  return { households, residents };
}

/**
 * Households per grid. The article gives every grid 300–500 households; urban grids spread over that
 * range (a planned estate, an old street), village grids stay near its floor (small villages, families
 * gone to the cities). Each grid draws its own size, capped by its dwellings; the total follows, as
 * long as every household can have 1–6 people.
 */
function allocateHouseholds(
  rng: Rng,
  scale: number,
  residentsTotal: number,
  grids: AdminUnit[],
  homesByGrid: Map<string, Building[]>,
): number[] {
  const { min, max } = householdBounds(scale);
  const capacity = grids.map((g) => homesByGrid.get(g.id)!.reduce((a, b) => a + b.dwellings, 0));
  const cap = capacity.map((c) => Math.min(max, c));
  const counts = cap.map((c) => Math.min(min, c));
  const lowest = counts.reduce((a, b) => a + b, 0);
  const highest = cap.reduce((a, b) => a + b, 0);
  if (highest === 0) throw new Error('population: no grid has residential dwellings');
  if (residentsTotal > 6 * highest) {
    throw new Error(`population: ${residentsTotal} residents do not fit in ${highest} households of at most 6`);
  }
  const fewest = Math.ceil(residentsTotal / 6);
  if (residentsTotal < lowest) {
    // Fewer residents than grids × minimum (tiny scales): the grids with most room get one each.
    counts.fill(0);
    const order = grids.map((_, i) => i).sort((a, b) => capacity[b]! - capacity[a]! || a - b);
    for (let k = 0; k < residentsTotal; k++) counts[order[k % order.length]!]! += 1;
    return counts;
  }
  const wanted = grids.map((g, i) => {
    const spread = HOUSEHOLDS_PER_GRID.max - HOUSEHOLDS_PER_GRID.min;
    // urban: a hump over the range (mean about 390); village: most near 300, a few larger
    const u = g.area === 'village' ? 0.3 * rng.next() ** 2 : 0.9 * ((rng.next() + rng.next() + rng.next()) / 3);
    return Math.min(cap[i]!, Math.max(counts[i]!, Math.round((HOUSEHOLDS_PER_GRID.min + u * spread) * scale)));
  });
  let total = wanted.reduce((a, b) => a + b, 0);
  // Too many households for the residents (every one needs somebody): take back at random, down to the minimum.
  while (total > residentsTotal) {
    const i = rng.int(0, grids.length - 1);
    if (wanted[i]! > counts[i]!) {
      wanted[i]! -= 1;
      total--;
    }
  }
  // Too few for households of at most 6 (tight dwellings): the rest go where there is room.
  if (total < fewest) {
    const room = cap.map((c, i) => c - wanted[i]!);
    for (let left = fewest - total; left > 0; left--) {
      const i = rng.weighted(room);
      wanted[i]! += 1;
      room[i]! -= 1;
    }
  }
  return wanted;
}

// Household size shares (1..6 persons). The article's 300–500 households per grid for 240,000
// people leave about 2.3 per household: many one- and two-person households (the old, couples whose
// children live elsewhere); villages keep more three-generation homes.
const SIZE_SHARES = {
  urban: [0.31, 0.34, 0.2, 0.09, 0.035, 0.025],
  village: [0.28, 0.33, 0.19, 0.11, 0.055, 0.035],
};

/** One size per household (grid order), summing exactly to `residentsTotal`. */
function householdSizes(rng: Rng, residentsTotal: number, grids: AdminUnit[], perGrid: number[]): Uint8Array {
  const n = perGrid.reduce((a, b) => a + b, 0);
  const sizes = new Uint8Array(n);
  let k = 0;
  let sum = 0;
  grids.forEach((g, gi) => {
    const shares = g.area === 'village' ? SIZE_SHARES.village : SIZE_SHARES.urban;
    for (let j = 0; j < perGrid[gi]!; j++, k++) {
      sizes[k] = rng.weighted(shares) + 1;
      sum += sizes[k]!;
    }
  });
  // Nudge random households up or down until the total is exact.
  while (sum !== residentsTotal) {
    const i = rng.int(0, n - 1);
    if (sum < residentsTotal && sizes[i]! < 6) {
      sizes[i]! += 1;
      sum++;
    } else if (sum > residentsTotal && sizes[i]! > 1) {
      sizes[i]! -= 1;
      sum--;
    }
  }
  return sizes;
}

/** Picks distinct dwellings in each grid's homes (a partial shuffle over the grid's dwelling slots). */
function placeHouseholds(
  rng: Rng,
  grids: AdminUnit[],
  perGrid: number[],
  homesByGrid: Map<string, Building[]>,
  sizes: Uint8Array,
): Household[] {
  const households: Household[] = [];
  let k = 0;
  grids.forEach((g, gi) => {
    const n = perGrid[gi]!;
    if (n === 0) return;
    const homes = homesByGrid.get(g.id)!;
    const starts: number[] = [];
    let total = 0;
    for (const b of homes) {
      starts.push(total);
      total += b.dwellings;
    }
    const slots = new Int32Array(total);
    for (let i = 0; i < total; i++) slots[i] = i;
    for (let i = 0; i < n; i++) {
      const j = rng.int(i, total - 1);
      const t = slots[i]!;
      slots[i] = slots[j]!;
      slots[j] = t;
    }
    const chosen = slots.subarray(0, n).sort();
    let b = 0;
    for (const slot of chosen) {
      while (b + 1 < homes.length && starts[b + 1]! <= slot) b++;
      const building = homes[b]!;
      const place = dwellingPlace(building, slot - starts[b]!);
      households.push({
        id: `H${String(households.length + 1).padStart(7, '0')}`,
        buildingId: building.id,
        gridId: g.id,
        address: building.address + place.label,
        size: sizes[k++]!,
      });
    }
  });
  return households;
}

type Role = 'grandparent' | 'parent' | 'child';
interface Member {
  role: Role;
  sex: 'M' | 'F';
  age: number;
  /** Registered here, living elsewhere (人户分离): working away, studying, married out. */
  away: boolean;
}

/**
 * Calibration (targets and sources in data/reference/README.md, all approximate): sexes by age as in
 * Anhui's 2020 census (about 104 men per 100 women overall, boys well ahead among the young, women
 * ahead from 60 on), births about 7 per 1,000 a year since 2022, and villages whose working-age adults
 * are largely away.
 */
const MALE_BIRTH_SHARE = 0.535; // a sex ratio at birth of about 115 in the 2000s–2010s cohorts
/** Children by age: the cohorts born since the late 2010s are much smaller (the weight a draw is kept with). */
const cohortWeight = (age: number) => (age < 5 ? 0.34 : age < 10 ? 0.65 : 1);
/** Chance that a working-age member (18–59) lives elsewhere, by area and age. */
function awayChance(village: boolean, m: Pick<Member, 'role' | 'sex' | 'age'>): number {
  if (m.age < 18 || m.age >= 60) return 0;
  const prime = m.age < 45 ? 1 : 0.6;
  if (!village) return 0.06 * prime;
  const base = m.role === 'child' ? 0.62 : m.sex === 'M' ? 0.5 : 0.4;
  return base * prime;
}

/** Who is registered in a household of `size`: generations, sexes, ages, and who lives elsewhere. */
function compose(rng: Rng, size: number, village: boolean): Member[] {
  const member = (role: Role, sex: 'M' | 'F', age: number): Member => {
    const m = { role, sex, age: Math.max(0, Math.min(99, age)), away: false };
    m.away = rng.chance(awayChance(village, m));
    return m;
  };
  const sexOf = (pFemale: number): 'M' | 'F' => (rng.chance(pFemale) ? 'F' : 'M');
  const couple = (age: number, role: Role = 'parent'): Member[] => [
    member(role, 'M', age),
    member(role, 'F', Math.max(20, age + Math.round(rng.normal(-2, 3)))),
  ];
  const childAge = (draw: () => number): number => {
    let age = draw();
    for (let tries = 0; tries < 5 && !rng.chance(cohortWeight(age)); tries++) age = draw();
    return age;
  };
  // born when the parent was 22–36 (a parent under 36 had them at 22 or later, never before birth)
  const child = (parentAge: number): Member =>
    member(
      'child',
      rng.chance(MALE_BIRTH_SHARE) ? 'M' : 'F',
      childAge(() => Math.max(0, parentAge - rng.int(22, Math.max(22, Math.min(36, parentAge))))),
    );
  if (size === 1) {
    const age = rng.pick(SINGLE_AGES) + rng.int(0, 9);
    // the old living alone are mostly widows; the young mostly unmarried men
    return [member('parent', sexOf(age >= 80 ? 0.7 : age >= 60 ? 0.62 : 0.25), age)];
  }
  if (size === 2) {
    if (rng.chance(0.66)) return couple(rng.chance(0.6) ? rng.int(55, 88) : rng.int(22, 54)); // most empty nesters
    const parentAge = rng.int(40, 84);
    // a widowed parent (more often a mother, the older the likelier) and a grown or school-age child
    return [member('parent', sexOf(parentAge >= 60 ? 0.62 : 0.42), parentAge), child(parentAge)];
  }
  // Three or more: grandparents, parents and children. In villages the parents of young children are
  // often registered elsewhere altogether, leaving grandparents with the children (留守儿童).
  if (village && rng.chance(0.08)) {
    const grandAge = rng.int(55, 78);
    const members = size >= 4 ? couple(grandAge, 'grandparent') : [member('grandparent', sexOf(0.62), grandAge)];
    while (members.length < size)
      members.push(
        member(
          'child',
          rng.chance(MALE_BIRTH_SHARE) ? 'M' : 'F',
          childAge(() => rng.int(1, 15)),
        ),
      );
    return members;
  }
  const grandparents = size === 3 ? 0 : size === 4 ? (rng.chance(0.45) ? 1 : 0) : size === 5 ? rng.int(1, 2) : 2;
  const parentAge = grandparents > 0 ? rng.int(26, 52) : rng.int(25, 62);
  const members: Member[] = couple(parentAge);
  if (grandparents === 2) members.push(...couple(parentAge + rng.int(22, 32), 'grandparent'));
  if (grandparents === 1) members.push(member('grandparent', sexOf(0.62), parentAge + rng.int(22, 34)));
  while (members.length < size) members.push(child(parentAge));
  return members;
}

// Ages of people living alone, by decade start, elderly-heavy.
const SINGLE_AGES = [20, 20, 30, 40, 50, 50, 60, 60, 70, 70, 70, 80, 80];

/** Phones are registered for those this old and over; younger children have none. */
export const PHONE_FROM_AGE = 12;
/** A resident this old or over with nobody else of the household living at home is tagged elderly-alone. */
export const ELDERLY_ALONE_FROM_AGE = 65;
/** Adults of an age to be a young child's parent: a village child with none of them at home is left behind. */
const PARENT_AGES = [18, 54] as const;

/**
 * The clans of a village: 1–3 surnames that most of its old families carry (a 张家 village, a 方 and
 * 姚 village), with the share of households each heads; the rest are drawn from the whole county.
 */
function villageClans(rng: Rng): { surnames: string[]; shares: number[] } {
  const n = rng.weighted([0.45, 0.35, 0.2]) + 1;
  const surnames: string[] = [];
  while (surnames.length < n) {
    const s = pickSurname(rng);
    if (!surnames.includes(s)) surnames.push(s);
  }
  const total = rng.range(0.5, 0.75);
  const parts = surnames.map((_, i) => (i === 0 ? 2 : 1) * rng.range(0.7, 1.3));
  const sum = parts.reduce((a, b) => a + b, 0);
  return { surnames, shares: parts.map((p) => (p / sum) * total) };
}

const DAY_MS = 86_400_000;

function peopleHouseholds(
  rng: Rng,
  households: Household[],
  grids: AdminUnit[],
  asOf: string,
  onProgress?: Progress,
): Resident[] {
  const gridById = new Map(grids.map((g) => [g.id, g]));
  const clans = new Map<string, { surnames: string[]; shares: number[] }>();
  const clanRng = rng.fork('clans');
  for (const g of grids)
    if (g.area === 'village' && g.parentId && !clans.has(g.parentId)) clans.set(g.parentId, villageClans(clanRng));
  const asOfDate = new Date(asOf);
  const usedIds = new Set<string>();
  const usedPhones = new Set<string>();
  const residents: Resident[] = [];

  const idFor = (birthDate: string, sex: 'M' | 'F'): string => {
    for (;;) {
      const seq = rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
      const id = makeIdNumber(COUNTY_CODE, birthDate, seq, sex);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const phone = (): string => {
    for (;;) {
      const p = makePhone(rng.pick(MOBILE_PREFIXES), rng.int(0, 99_999_999));
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };

  households.forEach((h, hi) => {
    const grid = gridById.get(h.gridId)!;
    const village = grid.area === 'village';
    const members = compose(rng, h.size, village);
    // the paternal line's surname (a village's clans first); wives keep their own
    const clan = village ? clans.get(grid.parentId!) : undefined;
    const clanPick = clan ? rng.weighted([...clan.shares, 1 - clan.shares.reduce((a, b) => a + b, 0)]) : -1;
    const surname = clan && clanPick < clan.surnames.length ? clan.surnames[clanPick]! : pickSurname(rng);
    // low income (低保/低收入) about twice as common in the villages, and among those living alone
    const lowIncome = rng.chance((village ? 0.05 : 0.016) * (h.size === 1 ? 2 : 1));
    const home = members.filter((m) => !m.away);
    const parentAgeAtHome = home.some((m) => m.age >= PARENT_AGES[0] && m.age <= PARENT_AGES[1]);
    for (const m of members) {
      const birth = new Date(asOfDate.getTime() - (m.age * 365.25 + rng.int(1, 364)) * DAY_MS);
      const birthDate = birth.toISOString().slice(0, 10);
      const birthYear = birth.getUTCFullYear();
      const ownSurname = m.sex === 'F' && m.role !== 'child' && rng.chance(0.93) ? pickSurname(rng) : surname;
      const tags: ResidentTag[] = [];
      if (m.age >= ELDERLY_ALONE_FROM_AGE && !m.away && home.length === 1) tags.push('elderly-alone');
      if (rng.chance(m.age >= 65 ? 0.045 : 0.012)) tags.push('disabled');
      if (lowIncome) tags.push('low-income');
      if (m.age >= 18 && rng.chance(partyShare(m))) tags.push('party-member');
      if (m.sex === 'M' && m.age >= 35 && rng.chance(0.03)) tags.push('veteran');
      if (village && m.age < 16 && !m.away && !parentAgeAtHome) tags.push('left-behind-child');
      residents.push({
        id: `R${String(residents.length + 1).padStart(7, '0')}`,
        householdId: h.id,
        gridId: h.gridId,
        name: fullName(rng, m.sex, birthYear, ownSurname),
        idNumber: idFor(birthDate, m.sex),
        phone: m.age >= PHONE_FROM_AGE ? phone() : null,
        sex: m.sex,
        birthDate,
        tags,
        livesElsewhere: m.away,
      });
    }
    if (onProgress && (hi + 1) % 5000 === 0) onProgress(hi + 1, households.length, 'residents');
  });
  onProgress?.(households.length, households.length, 'residents');
  return residents;
}

/** Party membership: about 8 % of adults, more among older men. */
function partyShare(m: Member): number {
  const bySex = m.sex === 'M' ? 1.25 : 0.75;
  const byAge = m.age < 25 ? 0.45 : m.age < 45 ? 0.9 : 1.2;
  return 0.08 * bySex * byAge;
}
