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
const PERSONS_PER_HOUSEHOLD = 2.5;

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

/** Households per grid: everyone starts at the minimum, the rest go where there is room. */
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
  const wanted = Math.round(residentsTotal / PERSONS_PER_HOUSEHOLD);
  const target = Math.min(highest, residentsTotal, Math.max(lowest, wanted, Math.ceil(residentsTotal / 6)));
  if (target < lowest) {
    // Fewer residents than grids × minimum (tiny scales): the grids with most room get one each.
    counts.fill(0);
    const order = grids.map((_, i) => i).sort((a, b) => capacity[b]! - capacity[a]! || a - b);
    for (let k = 0; k < target; k++) counts[order[k % order.length]!]! += 1;
    return counts;
  }
  // Weighted by remaining room (grids with bigger estates take more households) times a per-grid
  // draw, so that grids differ rather than all sitting just above the minimum.
  const appeal = grids.map(() => Math.exp(rng.normal(0, 1)));
  const room = cap.map((c, i) => c - counts[i]!);
  const weight = room.map((r, i) => r * appeal[i]!);
  for (let left = target - lowest; left > 0; left--) {
    const i = rng.weighted(weight);
    counts[i]! += 1;
    room[i]! -= 1;
    weight[i] = room[i]! * appeal[i]!;
  }
  return counts;
}

// Household size shares (1..6 persons): a county with many small, elderly households; villages keep
// more three-generation homes.
const SIZE_SHARES = { urban: [0.25, 0.31, 0.22, 0.12, 0.06, 0.04], village: [0.22, 0.28, 0.2, 0.14, 0.1, 0.06] };

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
}

/** Who lives in a household of `size`: generations, sexes and ages. */
function compose(rng: Rng, size: number, village: boolean): { members: Member[]; leftBehind: boolean } {
  const sexOf = (pFemale: number): 'M' | 'F' => (rng.chance(pFemale) ? 'F' : 'M');
  if (size === 1) {
    const age = rng.pick(SINGLE_AGES)[0] + rng.int(0, 9);
    return { members: [{ role: 'parent', sex: sexOf(age >= 70 ? 0.62 : 0.45), age }], leftBehind: false };
  }
  if (size === 2) {
    if (rng.chance(0.66)) {
      // A couple: in a county town most are empty nesters.
      const age = rng.chance(0.6) ? rng.int(55, 88) : rng.int(22, 54);
      return { members: couple(rng, age), leftBehind: false };
    }
    const parentAge = rng.int(40, 82);
    return {
      members: [{ role: 'parent', sex: sexOf(0.6), age: parentAge }, child(rng, parentAge)],
      leftBehind: false,
    };
  }
  // Three or more: grandparents, parents and children. In villages the working generation is often
  // away, leaving grandparents with left-behind children (留守儿童).
  if (village && rng.chance(0.08)) {
    const grandAge = rng.int(52, 76);
    const members =
      size >= 4
        ? couple(rng, grandAge, 'grandparent')
        : [{ role: 'grandparent' as Role, sex: sexOf(0.6), age: grandAge }];
    while (members.length < size) members.push({ role: 'child', sex: sexOf(0.48), age: rng.int(1, 15) });
    return { members, leftBehind: true };
  }
  const grandparents = size === 3 ? 0 : size === 4 ? (rng.chance(0.45) ? 1 : 0) : size === 5 ? rng.int(1, 2) : 2;
  const parentAge = grandparents > 0 ? rng.int(26, 52) : rng.int(25, 62);
  const members: Member[] = couple(rng, parentAge);
  if (grandparents === 2) members.push(...couple(rng, parentAge + rng.int(22, 32), 'grandparent'));
  if (grandparents === 1)
    members.push({ role: 'grandparent', sex: sexOf(0.68), age: Math.min(99, parentAge + rng.int(22, 34)) });
  while (members.length < size) members.push(child(rng, parentAge));
  return { members, leftBehind: false };
}

// Ages of people living alone, by decade start, elderly-heavy.
const SINGLE_AGES: [number][] = [[20], [20], [30], [40], [50], [50], [60], [60], [70], [70], [70], [80], [80]];

function couple(rng: Rng, age: number, role: Role = 'parent'): Member[] {
  const partner = Math.max(20, Math.min(99, age + Math.round(rng.normal(-2, 3))));
  return [
    { role, sex: 'M', age: Math.min(99, age) },
    { role, sex: 'F', age: partner },
  ];
}

function child(rng: Rng, parentAge: number): Member {
  return { role: 'child', sex: rng.chance(0.48) ? 'F' : 'M', age: Math.max(0, parentAge - rng.int(22, 36)) };
}

const DAY_MS = 86_400_000;

function peopleHouseholds(
  rng: Rng,
  households: Household[],
  grids: AdminUnit[],
  asOf: string,
  onProgress?: Progress,
): Resident[] {
  const villageGrids = new Set(grids.filter((g) => g.area === 'village').map((g) => g.id));
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
    const village = villageGrids.has(h.gridId);
    const { members, leftBehind } = compose(rng, h.size, village);
    const surname = pickSurname(rng); // the paternal line's surname; wives keep their own
    const lowIncome = rng.chance(h.size === 1 ? 0.05 : 0.025);
    let contact: string | null = null;
    for (const m of members) {
      const birth = new Date(asOfDate.getTime() - (m.age * 365.25 + rng.int(1, 364)) * DAY_MS);
      const birthDate = birth.toISOString().slice(0, 10);
      const birthYear = birth.getUTCFullYear();
      const ownSurname = m.sex === 'F' && m.role !== 'child' && rng.chance(0.93) ? pickSurname(rng) : surname;
      const tags: ResidentTag[] = [];
      if (h.size === 1 && m.age >= 70 && rng.chance(0.8)) tags.push('elderly-alone');
      if (rng.chance(m.age >= 65 ? 0.045 : 0.012)) tags.push('disabled');
      if (lowIncome) tags.push('low-income');
      if (m.age >= 18 && rng.chance(partyShare(m))) tags.push('party-member');
      if (m.sex === 'M' && m.age >= 35 && rng.chance(0.03)) tags.push('veteran');
      if (leftBehind && m.role === 'child' && m.age < 16) tags.push('left-behind-child');
      // Young children are registered with a guardian's phone.
      const own = m.age >= 14 ? phone() : null;
      if (own && !contact) contact = own;
      residents.push({
        id: `R${String(residents.length + 1).padStart(7, '0')}`,
        householdId: h.id,
        gridId: h.gridId,
        name: fullName(rng, m.sex, birthYear, ownSurname),
        idNumber: idFor(birthDate, m.sex),
        phone: own ?? contact ?? '',
        sex: m.sex,
        birthDate,
        tags,
      });
    }
    // A household of young children only cannot occur (compose always has an adult), but a phone
    // must never be empty: fill any child listed before the first adult.
    for (let i = residents.length - members.length; i < residents.length; i++) {
      if (residents[i]!.phone === '') residents[i]!.phone = contact ?? phone();
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
