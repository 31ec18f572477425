// Planted hot spots (埋设的风险热点): known answers the risk model must find (tests/fullScale.test.ts),
// written beside the dataset as hotspots.json. Two kinds, each with the factor that should explain it:
// - a case run: one urban grid where one problem rises over the last weeks (factor `cases`); the cases
//   are taken from the city's own history of those weeks, so every count of /api/overview stays exact;
// - a vulnerable compound: residential buildings of one urban grid that no camera sees, whose residents
//   are retagged as low-income or disabled (factor `vulnerable`); only tags change.
import { coverage } from '../../server/domain/cameraCoverage';
import type { AdminUnit, Building, Camera, Household, Resident } from '../../server/domain/model';
import type { RiskFactor } from '../../server/domain/risk/factors';
import type { Rng } from './random';

export interface CaseRun {
  gridId: string;
  itemCode: string;
}

/** One planted hot spot as hotspots.json records it: where, what, and the factor that should name it. */
export interface PlantedHotspot {
  kind: 'case-run' | 'vulnerable-compound';
  /** The risk level it is planted for, and the area there. */
  level: 'grid';
  areaId: string;
  cause: RiskFactor;
  itemCode?: string;
  buildingIds?: string[];
  residents?: number;
}

/** The problems the runs rise in: urgent urban items (severity 3), one per run. */
const RUN_ITEMS = ['060101', '050101', '060401', '080303', '050203'];
/**
 * How long a run rises, and the share of the city's urban cases each run takes at its end: about seven
 * times a grid's usual share (105 urban grids), so the five runs take about 16% of the urban cases of
 * those six weeks in all; enough to stand out above the grids with a long overdue backlog
 * (tests/fullScale.test.ts), not enough to empty the other grids.
 */
export const RUN_WEEKS = 6;
const RUN_PEAK_SHARE = 0.065;
const COMPOUNDS = 5;
/** Buildings of a compound: the residential buildings within this distance of its first one. */
const COMPOUND_RADIUS_M = 120;
const WEEK_MS = 7 * 86_400_000;

/** The runs: distinct urban grids (not `avoid`), each with its own problem. */
export function chooseCaseRuns(rng: Rng, grids: readonly AdminUnit[], avoid: ReadonlySet<string>): CaseRun[] {
  const urban = grids.filter((g) => g.level === 'grid' && g.area !== 'village' && !avoid.has(g.id));
  const chosen: CaseRun[] = [];
  for (const itemCode of RUN_ITEMS) {
    const left = urban.filter((g) => !chosen.some((c) => c.gridId === g.id));
    chosen.push({ gridId: rng.pick(left).id, itemCode });
  }
  return chosen;
}

/**
 * For a case reported at `ms`: the index of the run that takes it, or null. Each run's share rises
 * linearly from nothing RUN_WEEKS before now to RUN_PEAK_SHARE at now.
 */
export function caseRunPicker(rng: Rng, runs: readonly CaseRun[], nowMs: number): (ms: number) => number | null {
  const start = nowMs - RUN_WEEKS * WEEK_MS;
  return (ms) => {
    if (runs.length === 0 || ms < start) return null;
    const share = RUN_PEAK_SHARE * Math.min(1, (ms - start) / (nowMs - start));
    const u = rng.next();
    const i = Math.floor(u / share);
    return i < runs.length ? i : null;
  };
}

interface CompoundInput {
  adminUnits: readonly AdminUnit[];
  buildings: readonly Building[];
  cameras: readonly Camera[];
  households: readonly Household[];
  residents: Resident[];
  today: string;
}

/**
 * Plants the vulnerable compounds: in the urban grids with the most residents in residential buildings
 * no camera sees, around the largest cluster of such buildings, every household of the cluster becomes
 * low-income, most residents over 60 disabled (those living alone are elderly-alone already). Changes
 * tags only.
 */
export function plantCompounds(rng: Rng, o: CompoundInput): PlantedHotspot[] {
  const urban = new Set(o.adminUnits.filter((u) => u.level === 'grid' && u.area !== 'village').map((u) => u.id));
  // Whether a camera sees the building (a camera's range is under 0.005° of latitude: box first).
  const seen = (b: Building) =>
    o.cameras.some(
      (c) =>
        Math.abs(c.position[1] - b.centroid[1]) < 0.005 &&
        Math.abs(c.position[0] - b.centroid[0]) < 0.006 &&
        coverage(c, b.centroid) !== null,
    );
  const householdsOf = new Map<string, Household[]>();
  for (const h of o.households) {
    const list = householdsOf.get(h.buildingId) ?? [];
    list.push(h);
    householdsOf.set(h.buildingId, list);
  }
  const residentsOf = new Map<string, Resident[]>();
  for (const r of o.residents) {
    const list = residentsOf.get(r.householdId) ?? [];
    list.push(r);
    residentsOf.set(r.householdId, list);
  }
  const peopleIn = (b: Building) =>
    (householdsOf.get(b.id) ?? []).reduce((n, h) => n + (residentsOf.get(h.id)?.length ?? 0), 0);
  const unseenHomes = new Map<string, Building[]>();
  for (const b of o.buildings) {
    if (b.use !== 'residential' || !urban.has(b.gridId) || !householdsOf.has(b.id) || seen(b)) continue;
    const list = unseenHomes.get(b.gridId) ?? [];
    list.push(b);
    unseenHomes.set(b.gridId, list);
  }
  // The best cluster of each grid: around each unseen home, the unseen homes of the grid close to it.
  const best = new Map<string, { centre: Building; buildings: Building[]; people: number }>();
  for (const centre of [...unseenHomes.values()].flat()) {
    const cluster = unseenHomes
      .get(centre.gridId)!
      .filter((b) => metres(b.centroid, centre.centroid) <= COMPOUND_RADIUS_M);
    const people = cluster.reduce((n, b) => n + peopleIn(b), 0);
    const known = best.get(centre.gridId);
    if (!known || people > known.people) best.set(centre.gridId, { centre, buildings: cluster, people });
  }
  // The grids with the most residents in unseen homes: there the compound can grow as large as the
  // largest, and the camera gaps (the other half of the story) are widest.
  const unseenPeople = new Map([...unseenHomes].map(([g, homes]) => [g, homes.reduce((n, b) => n + peopleIn(b), 0)]));
  const ranked = [...best.entries()].sort(
    (a, b) => unseenPeople.get(b[0])! - unseenPeople.get(a[0])! || (a[0] < b[0] ? -1 : 1),
  );
  // Every planted compound as clear as the largest: a smaller one takes in its grid's next nearest unseen
  // homes (its neighbours across the lane) until it has as many residents, so no planted grid's
  // vulnerable count is a small fraction of the top one's (the factor is scaled to the top grid).
  const wanted = Math.max(0, ...ranked.slice(0, COMPOUNDS).map(([, c]) => c.people));
  for (const [gridId, cluster] of ranked.slice(0, COMPOUNDS)) {
    const inCluster = new Set(cluster.buildings);
    const rest = unseenHomes
      .get(gridId)!
      .filter((b) => !inCluster.has(b))
      .sort((a, b) => metres(a.centroid, cluster.centre.centroid) - metres(b.centroid, cluster.centre.centroid));
    for (const b of rest) {
      if (cluster.people >= wanted) break;
      cluster.buildings.push(b);
      cluster.people += peopleIn(b);
    }
  }
  const todayYear = Number(o.today.slice(0, 4));
  const planted: PlantedHotspot[] = [];
  for (const [gridId, { buildings }] of ranked.slice(0, COMPOUNDS)) {
    let count = 0;
    for (const b of buildings)
      for (const h of householdsOf.get(b.id) ?? [])
        for (const r of residentsOf.get(h.id) ?? []) {
          const age = todayYear - Number(r.birthDate.slice(0, 4));
          const tags = new Set(r.tags);
          tags.add('low-income');
          if (age >= 60 && rng.chance(0.8)) tags.add('disabled');
          r.tags = [...tags];
          count++;
        }
    planted.push({
      kind: 'vulnerable-compound',
      level: 'grid',
      areaId: gridId,
      cause: 'vulnerable',
      buildingIds: buildings.map((b) => b.id),
      residents: count,
    });
  }
  return planted;
}

function metres(a: readonly [number, number], b: readonly [number, number]): number {
  const k = Math.PI / 180;
  const x = (b[0] - a[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k);
  const y = (b[1] - a[1]) * k;
  return Math.hypot(x, y) * 6_371_008.8;
}
