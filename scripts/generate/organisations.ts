// Organisations (组织): the party network of the urban area — community party alliance (社区党建联盟)
// → grid party branch (网格党支部) → compound party group (小区党小组) → building-unit heads (单元长) —
// plus property companies of the compounds, businesses in commercial buildings, and one full-time
// grid worker per urban grid (village grids are run by their village committees).
import { STRUCTURE, scaled, VOLUMES } from '../../server/domain/facts';
import { MOBILE_PREFIXES, makePhone } from '../../server/domain/identity';
import type {
  AdminUnit,
  Building,
  GridWorker,
  Household,
  LonLat,
  Organisation,
  Resident,
  UnitHead,
} from '../../server/domain/model';
import { apportion } from './apportion';
import { unitOfAddress } from './dwellings';
import { fullName } from './names';
import { DEFAULT_AS_OF } from './people';
import type { Rng } from './random';

export interface OrganisationsInput {
  adminUnits: AdminUnit[];
  buildings: Building[];
  households: Household[];
  residents: Resident[];
  asOf?: string;
}

export interface Organisations {
  organisations: Organisation[];
  unitHeads: UnitHead[];
  gridWorkers: GridWorker[];
}

/** A residential compound (住宅小区): the residential buildings of a grid that share an address stem. */
interface Compound {
  name: string;
  gridId: string;
  buildings: Building[];
}

export function generateOrganisations(rng: Rng, scale: number, input: OrganisationsInput): Organisations {
  const communities = input.adminUnits.filter((u) => u.level === 'community' && u.area === 'urban').sort(byId);
  const gridsOf = new Map<string, AdminUnit[]>(communities.map((c) => [c.id, []]));
  for (const u of input.adminUnits) if (u.level === 'grid') gridsOf.get(u.parentId ?? '')?.push(u);
  for (const list of gridsOf.values()) list.sort(byId);
  const urbanGrids = communities.flatMap((c) => gridsOf.get(c.id)!);

  const organisations: Organisation[] = [];
  const compounds = findCompounds(input.buildings, new Set(urbanGrids.map((g) => g.id)));

  // Alliances: one per urban community.
  const alliances = communities.map((c, i) => {
    const org: Organisation = {
      id: `PA${pad(i + 1, 2)}`,
      kind: 'party-alliance',
      name: `${shortCommunity(c.name)}社区党建联盟`,
      parentId: null,
      adminUnitId: c.id,
      position: c.centroid,
    };
    organisations.push(org);
    return org;
  });

  // Grid party branches: 63 over the urban grids, each covering a run of its community's grids.
  const branchCount = Math.min(STRUCTURE.gridPartyBranches, urbanGrids.length);
  const perCommunity = apportion(
    branchCount,
    communities.map((c) => gridsOf.get(c.id)!.length),
    communities.map((c) => gridsOf.get(c.id)!.length),
    1,
  );
  const branches: { org: Organisation; grids: AdminUnit[] }[] = [];
  communities.forEach((c, ci) => {
    const grids = gridsOf.get(c.id)!;
    const n = perCommunity[ci]!;
    for (let k = 0; k < n; k++) {
      const covered = grids.slice(Math.floor((k * grids.length) / n), Math.floor(((k + 1) * grids.length) / n));
      const org: Organisation = {
        id: `PB${pad(branches.length + 1, 3)}`,
        kind: 'grid-party-branch',
        name: `${shortCommunity(c.name)}社区第${k + 1}网格党支部`,
        parentId: alliances[ci]!.id,
        adminUnitId: covered[0]!.id,
        position: covered[0]!.centroid,
      };
      organisations.push(org);
      branches.push({ org, grids: covered });
    }
  });

  // Compound party groups: 211, each over one or more neighbouring compounds of its branch's grids.
  const compoundsOfBranch = branches.map((b) => {
    const ids = new Set(b.grids.map((g) => g.id));
    return compounds.filter((c) => ids.has(c.gridId));
  });
  const groupCount = Math.min(STRUCTURE.compoundPartyGroups, compounds.length);
  const perBranch = apportion(
    groupCount,
    compoundsOfBranch.map((cs) => cs.reduce((a, c) => a + c.buildings.length, 0)),
    compoundsOfBranch.map((cs) => cs.length),
    1,
  );
  const groups: { org: Organisation; compounds: Compound[] }[] = [];
  branches.forEach((b, bi) => {
    const cs = compoundsOfBranch[bi]!;
    const n = perBranch[bi]!;
    for (let k = 0; k < n; k++) {
      const mine = cs.slice(Math.floor((k * cs.length) / n), Math.floor(((k + 1) * cs.length) / n));
      const org: Organisation = {
        id: `PG${pad(groups.length + 1, 3)}`,
        kind: 'compound-party-group',
        name: `${mine[0]!.name}${mine.length > 1 ? '等小区' : ''}党小组`,
        parentId: b.org.id,
        adminUnitId: mine[0]!.gridId,
        position: meanPosition(mine.flatMap((c) => c.buildings)),
      };
      organisations.push(org);
      groups.push({ org, compounds: mine });
    }
  });

  const unitHeads = appointUnitHeads(rng.fork('unit-heads'), scale, groups, input);
  organisations.push(...propertyCompanies(rng.fork('property'), compounds));
  organisations.push(...businesses(rng.fork('businesses'), input.buildings));
  const gridWorkers = hireGridWorkers(rng.fork('grid-workers'), urbanGrids, input.residents);
  return { organisations, unitHeads, gridWorkers };
}

function findCompounds(buildings: Building[], urbanGridIds: Set<string>): Compound[] {
  const byKey = new Map<string, Compound>();
  for (const b of buildings) {
    if (b.use !== 'residential' || b.dwellings === 0 || !urbanGridIds.has(b.gridId)) continue;
    const name = b.address.replace(/\d+(栋|幢|号楼|号)$/, '') || b.address;
    const key = `${b.gridId}|${name}`;
    let c = byKey.get(key);
    if (!c) {
      c = { name, gridId: b.gridId, buildings: [] };
      byKey.set(key, c);
    }
    c.buildings.push(b);
  }
  return [...byKey.values()].sort((a, b) =>
    a.gridId < b.gridId ? -1 : a.gridId > b.gridId ? 1 : a.buildings[0]!.id < b.buildings[0]!.id ? -1 : 1,
  );
}

/**
 * Unit heads: scaled(1,372), shared among the groups by their building units. Each is an adult
 * living in that unit, a party member where the unit has one.
 */
function appointUnitHeads(
  rng: Rng,
  scale: number,
  groups: { org: Organisation; compounds: Compound[] }[],
  input: OrganisationsInput,
): UnitHead[] {
  const asOf = Date.parse(input.asOf ?? DEFAULT_AS_OF);
  const ageOf = (r: Resident) => (asOf - Date.parse(r.birthDate)) / (365.25 * 86_400_000);
  const householdById = new Map(input.households.map((h) => [h.id, h]));
  // building#unit → adult residents living there
  const adultsByUnit = new Map<string, Resident[]>();
  for (const r of input.residents) {
    const h = householdById.get(r.householdId);
    if (!h || ageOf(r) < 18) continue;
    const key = `${h.buildingId}#${unitOfAddress(h.address)}`;
    const list = adultsByUnit.get(key);
    if (list) list.push(r);
    else adultsByUnit.set(key, [r]);
  }
  const unitsOfGroup = groups.map((g) =>
    g.compounds
      .flatMap((c) => c.buildings)
      .flatMap((b) => {
        const units: { building: Building; unit: number; adults: Resident[] }[] = [];
        const unitCount = Math.ceil(b.dwellings / (2 * Math.max(1, b.floors))); // as dwellingPlace numbers them
        for (let u = 1; u <= unitCount; u++) {
          const adults = adultsByUnit.get(`${b.id}#${u}`);
          if (adults) units.push({ building: b, unit: u, adults });
        }
        return units;
      }),
  );
  const available = unitsOfGroup.reduce((a, u) => a + u.length, 0);
  const total = Math.min(scaled(VOLUMES.unitHeads, scale), available);
  const perGroup = apportion(
    total,
    unitsOfGroup.map((u) => u.length),
    unitsOfGroup.map((u) => u.length),
    Math.min(1, Math.floor(total / Math.max(1, groups.length))),
  );

  const heads: UnitHead[] = [];
  groups.forEach((g, gi) => {
    const units = rng.shuffle([...unitsOfGroup[gi]!]).slice(0, perGroup[gi]!);
    units.sort((a, b) => (a.building.id < b.building.id ? -1 : a.building.id > b.building.id ? 1 : a.unit - b.unit));
    for (const u of units) {
      const working = u.adults.filter((r) => ageOf(r) >= 25 && ageOf(r) <= 75);
      const party = working.filter((r) => r.tags.includes('party-member'));
      const pool = party.length > 0 && rng.chance(0.75) ? party : working.length > 0 ? working : u.adults;
      heads.push({ residentId: rng.pick(pool).id, partyGroupId: g.org.id, buildingId: u.building.id, unit: u.unit });
    }
  });
  return heads;
}

const PROPERTY_BRANDS = [
  '桐城市龙眠物业服务有限公司',
  '桐城市文都物业管理有限公司',
  '安徽桐乡物业服务有限公司',
  '桐城市紫来物业有限公司',
  '安庆皖宜物业服务有限公司',
  '桐城市盛唐物业管理有限公司',
  '碧桂园生活服务集团桐城分公司',
  '桐城市安居物业服务有限公司',
  '桐城市双溪物业管理有限公司',
  '安徽新城悦物业桐城分公司',
  '桐城市和美物业服务有限公司',
  '万科物业桐城项目部',
];

/** Most compounds have a property company; old walk-up estates often have none (老旧小区无物业). */
function propertyCompanies(rng: Rng, compounds: Compound[]): Organisation[] {
  const orgs: Organisation[] = [];
  for (const c of compounds) {
    const tall = c.buildings.some((b) => b.floors > 7);
    if (!rng.chance(tall ? 0.97 : 0.7)) continue;
    const brand = rng.pick(PROPERTY_BRANDS);
    orgs.push({
      id: `PM${pad(orgs.length + 1, 4)}`,
      kind: 'property-company',
      name: `${brand}（${c.name}）`,
      parentId: null,
      adminUnitId: c.gridId,
      position: meanPosition(c.buildings),
    });
  }
  return orgs;
}

const SHOP_STEMS = [
  '文都',
  '龙眠',
  '桐乡',
  '紫来',
  '六尺巷',
  '老方家',
  '姚记',
  '张记',
  '吴氏',
  '汪家',
  '惠民',
  '百姓',
  '华联',
  '金桥',
  '新世纪',
  '好又多',
  '福满园',
  '聚福',
  '康乐',
  '永辉',
];
const SHOP_KINDS = [
  '超市',
  '便利店',
  '大药房',
  '家常菜馆',
  '面馆',
  '早点铺',
  '水果店',
  '五金店',
  '理发店',
  '服装店',
  '烟酒店',
  '手机店',
  '诊所',
  '茶楼',
  '培训学校',
  '建材店',
  '快递驿站',
  '宾馆',
  '洗衣店',
  '母婴店',
];

/** One to several businesses per commercial building or shop-house, more in taller ones. */
function businesses(rng: Rng, buildings: Building[]): Organisation[] {
  const orgs: Organisation[] = [];
  for (const b of buildings) {
    if (b.use !== 'commercial' && b.kind !== 'shophouse') continue; // a shop-house's shops count
    const n = rng.int(1, b.kind === 'shophouse' ? 4 : Math.min(6, 1 + b.floors));
    for (let k = 0; k < n; k++) {
      orgs.push({
        id: `BZ${pad(orgs.length + 1, 5)}`,
        kind: 'business',
        name: `${rng.pick(SHOP_STEMS)}${rng.pick(SHOP_KINDS)}（${b.address}）`,
        parentId: null,
        adminUnitId: b.gridId,
        position: b.centroid,
      });
    }
  }
  return orgs;
}

/** One full-time grid worker (专职网格员) per urban grid, mostly women in their 30s–40s as is typical. */
function hireGridWorkers(rng: Rng, urbanGrids: AdminUnit[], residents: Resident[]): GridWorker[] {
  const taken = new Set(residents.map((r) => r.phone));
  return urbanGrids.map((g, i) => {
    const sex = rng.chance(0.65) ? 'F' : 'M';
    let phone: string;
    do phone = makePhone(rng.pick(MOBILE_PREFIXES), rng.int(0, 99_999_999));
    while (taken.has(phone));
    taken.add(phone);
    return { id: `GW${pad(i + 1, 3)}`, gridId: g.id, name: fullName(rng, sex, rng.int(1976, 1996)), phone };
  });
}

/** 钱庄居委会 / 水源社区居民委员会 → 钱庄 / 水源 */
export function shortCommunity(name: string): string {
  return name.replace(/(社区居民委员会|居民委员会|社区居委会|居委会|社区)$/, '') || name;
}

function meanPosition(buildings: Building[]): LonLat {
  let x = 0;
  let y = 0;
  for (const b of buildings) {
    x += b.centroid[0];
    y += b.centroid[1];
  }
  return [round6(x / buildings.length), round6(y / buildings.length)];
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
