// The things of the reference dataset (物): city components after GB/T 30428, video devices of the
// police and urban management, patrol points, and sensing terminals (smart manholes on main roads,
// rain gauges, river gauges). Each stands inside the grid polygon recorded as its gridId.
import {
  COMPONENT_SUBTYPES,
  componentCategory,
  componentCode,
  MANHOLE_SUBTYPE_CODES,
} from '../../server/domain/componentCatalog';
import { COUNTY_CODE, scaled, VOLUMES } from '../../server/domain/facts';
import type { Camera, CityComponent, ComponentState, PatrolPoint, Sensor } from '../../server/domain/model';
import { allocate } from './geography/allocate';
import type { Geography } from './geography/index';
import type { Rng } from './random';
import { alongLines, atJunctions, besideSites, openGround, type Placed, place } from './things/placement';
import { type Line, World } from './things/world';

export interface Things {
  components: CityComponent[];
  cameras: Camera[];
  patrolPoints: PatrolPoint[];
  sensors: Sensor[];
}

/** Main roads of the smart-manhole pilot (智慧窨井试点), "some main urban roads" in the article. */
export const SMART_MANHOLE_ROADS = ['龙眠大道', '盛唐路', '同安路', '人民路', '环城路'] as const;
export const SMART_MANHOLES = 120;
export const RAIN_GAUGES = { urban: 8, perTown: 2 } as const;
export const RIVER_GAUGES = 4;
export const CAMERA_POLICE_SHARE = 0.6;

export function generateThings(rng: Rng, scale: number, geo: Geography): Things {
  const world = new World(geo);
  const components = generateComponents(rng.fork('components'), world, scaled(VOLUMES.components, scale));
  const cameras = generateCameras(rng.fork('cameras'), world, scaled(VOLUMES.cameras, scale));
  const patrolPoints = generatePatrolPoints(rng.fork('patrol-points'), world, scaled(VOLUMES.patrolPoints, scale));
  const sensors = generateSensors(rng.fork('sensors'), world, components, scaled(SMART_MANHOLES, scale));
  return { components, cameras, patrolPoints, sensors };
}

function generateComponents(rng: Rng, world: World, total: number): CityComponent[] {
  const counts = allocate(
    COMPONENT_SUBTYPES.map((t) => t.weight),
    total,
    0,
    total,
  );
  const out: CityComponent[] = [];
  COMPONENT_SUBTYPES.forEach((t, i) => {
    const srng = rng.fork(t.code);
    const category = componentCategory(t.categoryCode);
    place(srng, world, t.placement, t.slot, counts[i]!).forEach((p, k) => {
      out.push({
        id: `C${String(out.length + 1).padStart(6, '0')}`,
        code: componentCode(COUNTY_CODE, t.code, k + 1),
        categoryCode: t.categoryCode,
        category: category.name,
        subtypeCode: t.code,
        subtype: t.name,
        departmentId: t.departmentId,
        state: componentState(srng),
        position: p.position,
        gridId: p.gridId,
        roadId: p.roadId,
      });
    });
  });
  return out;
}

/** Mostly in order; a few percent damaged, missing or occupied (被占用) as a survey finds them. */
function componentState(rng: Rng): ComponentState {
  const r = rng.next();
  return r < 0.955 ? 'normal' : r < 0.98 ? 'damaged' : r < 0.988 ? 'missing' : 'occupied';
}

function generateCameras(rng: Rng, world: World, total: number): Camera[] {
  // junctions, main roads, markets, compounds, the pilot villages
  const [atJunction, onMain, atMarket, inCompound, inVillage] = allocate([35, 30, 10, 20, 5], total, 0, total);
  const mains = world.roads.filter((r) => r.urban && r.cls === 'main');
  const townRoads = world.roads.filter((r) => !r.urban);
  const spots: Placed[] = [
    ...atJunctions(rng.fork('junction'), world, atJunction!),
    ...alongLines(rng.fork('main'), world, mains, onMain!, 'kerb'),
    ...besideSites(rng.fork('market'), world, world.markets, atMarket!),
    ...besideSites(
      rng.fork('compound'),
      world,
      world.compounds.flatMap((c) => c.buildings),
      inCompound!,
    ),
    ...alongLines(rng.fork('village'), world, townRoads, Math.ceil(inVillage! / 2), 'kerb'),
    ...besideSites(rng.fork('hamlet'), world, world.villageHouses, Math.floor(inVillage! / 2)),
  ];
  const police = Math.round(total * CAMERA_POLICE_SHARE);
  const owners = rng.shuffle(spots.map((_, i) => (i < police ? 'police' : 'urban-management') as Camera['owner']));
  const serial = { police: 0, 'urban-management': 0 };
  return spots.map((p, i) => {
    const owner = owners[i]!;
    const n = ++serial[owner];
    return {
      id: `CAM${String(i + 1).padStart(5, '0')}`,
      code: `${COUNTY_CODE}-${owner === 'police' ? 'GA' : 'CG'}-${String(n).padStart(5, '0')}`,
      owner,
      position: p.position,
      // on a road the camera looks along it; elsewhere anywhere
      headingDeg:
        Math.round(
          p.roadId ? p.bearingDeg + (rng.chance(0.5) ? 0 : 180) + rng.range(-20, 20) + 360 : rng.range(0, 360),
        ) % 360,
      fovDeg: rng.int(40, 90),
      rangeM: rng.int(50, 150),
      heightM: Math.round(rng.range(4, 8) * 10) / 10,
      online: rng.chance(0.95),
      gridId: p.gridId,
    };
  });
}

function generatePatrolPoints(rng: Rng, world: World, total: number): PatrolPoint[] {
  const [mainCount, secondaryCount, marketCount, compoundCount] = allocate([34, 28, 8, 30], total, 0, total);
  const out: PatrolPoint[] = [];
  const add = (name: string, kind: PatrolPoint['kind'], p: Placed) =>
    out.push({
      id: `PP${String(out.length + 1).padStart(4, '0')}`,
      name,
      kind,
      position: p.position,
      gridId: p.gridId,
    });

  for (const [kind, cls, count] of [
    ['main-road', 'main', mainCount!],
    ['secondary-road', 'secondary', secondaryCount!],
  ] as const) {
    // junctions first (named 甲路与乙路交叉口), then stretches of road (甲路128号路段)
    const crossings = rng.shuffle(
      world.junctions.filter((j) =>
        cls === 'main' ? j.a.cls === 'main' || j.b.cls === 'main' : j.a.cls === 'secondary' && j.b.cls === 'secondary',
      ),
    );
    let k = 0;
    for (const j of crossings) {
      if (k >= count) break;
      const hit = world.locate(j.p);
      if (!hit) continue;
      const [first, second] = j.a.cls === 'main' || j.b.cls !== 'main' ? [j.a, j.b] : [j.b, j.a];
      add(`${first.name}与${second.name}交叉口`, kind, { ...hit, roadId: first.id, bearingDeg: 0, xy: j.p });
      k++;
    }
    const lines = world.roads.filter((r) => r.urban && r.cls === cls);
    for (const p of alongLines(rng.fork(kind), world, lines, count - k, 'kerb')) {
      const line = lines.find((l) => l.id === p.roadId)!;
      add(`${line.name}${stretchNumber(line, p)}号路段`, kind, p);
    }
  }
  const gates = ['', '东门', '南门', '西门', '北门'];
  for (let k = 0; k < marketCount!; k++) {
    const market = world.markets[k % world.markets.length]!;
    const [p] = besideSites(rng.fork(`market-${k}`), world, [market], 1);
    add(`${market.name}${gates[Math.floor(k / world.markets.length) % gates.length]}`, 'market', p!);
  }
  const compounds = rng.shuffle(world.compounds.slice());
  for (let k = 0; k < compoundCount!; k++) {
    const c = compounds[k % compounds.length]!;
    const [p] = besideSites(rng.fork(`compound-${k}`), world, c.buildings, 1);
    add(`${c.name}${gates[Math.floor(k / compounds.length) % gates.length]}`, 'compound', p!);
  }
  return out;
}

/** A house-number-like figure for a stretch of road: 2 numbers per 12 m from the road's start. */
function stretchNumber(line: Line, p: Placed): number {
  let best = 0,
    bestD = Infinity;
  for (let i = 0; i < line.pts.length; i++) {
    const d = Math.hypot(line.pts[i]![0] - p.xy[0], line.pts[i]![1] - p.xy[1]);
    if (d < bestD) {
      bestD = d;
      best = line.cum[i]!;
    }
  }
  return 2 * Math.floor(best / 12) + 1;
}

function generateSensors(rng: Rng, world: World, components: CityComponent[], wanted: number): Sensor[] {
  let manholes = wanted;
  // the pilot roads' covers; at very small scales, any urban main road's, and fewer sensors if need be
  const mains = world.roads.filter((r) => r.urban && r.cls === 'main');
  const isCover = (roadIds: Set<string>) => (c: CityComponent) =>
    c.roadId !== null && roadIds.has(c.roadId) && MANHOLE_SUBTYPE_CODES.includes(c.subtypeCode) && c.state === 'normal';
  let covers = components.filter(
    isCover(new Set(mains.filter((r) => (SMART_MANHOLE_ROADS as readonly string[]).includes(r.name)).map((r) => r.id))),
  );
  if (covers.length < manholes) covers = components.filter(isCover(new Set(mains.map((r) => r.id))));
  manholes = Math.min(manholes, covers.length);
  const out: Sensor[] = [];
  // evenly through the covers (they come in road order, along each road): spread over the pilot roads
  const step = covers.length / manholes;
  const offset = rng.range(0, step);
  for (let k = 0; k < manholes; k++) {
    const c = covers[Math.floor(offset + k * step)]!;
    out.push({
      id: `MH-${String(k + 1).padStart(4, '0')}`,
      kind: 'manhole',
      componentId: c.id,
      position: c.position,
      gridId: c.gridId,
    });
  }
  const urbanRain = openGround(
    rng.fork('rain-urban'),
    world,
    RAIN_GAUGES.urban,
    spreadGrids(world.urbanGrids, RAIN_GAUGES.urban),
  );
  const townRain = world.geo.adminUnits
    .filter((u) => u.level === 'town')
    .flatMap((town) => {
      const villageIds = new Set(world.geo.adminUnits.filter((u) => u.parentId === town.id).map((u) => u.id));
      const grids = world.grids.filter((g) => villageIds.has(g.unit.parentId!));
      return openGround(
        rng.fork(`rain-${town.id}`),
        world,
        RAIN_GAUGES.perTown,
        spreadGrids(grids, RAIN_GAUGES.perTown),
      );
    });
  [...urbanRain, ...townRain].forEach((p, k) => {
    out.push({
      id: `RG-${String(k + 1).padStart(2, '0')}`,
      kind: 'rain-gauge',
      componentId: null,
      position: p.position,
      gridId: p.gridId,
    });
  });
  if (world.river) {
    alongLines(rng.fork('river'), world, [world.river], RIVER_GAUGES, 'bank', false).forEach((p, k) => {
      out.push({
        id: `RL-${String(k + 1).padStart(2, '0')}`,
        kind: 'river-gauge',
        componentId: null,
        position: p.position,
        gridId: p.gridId,
      });
    });
  }
  return out;
}

/** `n` grids spread through the list (every len/n-th), so gauges do not bunch up. */
function spreadGrids<T>(grids: readonly T[], n: number): T[] {
  return Array.from({ length: n }, (_, k) => grids[Math.floor(((k + 0.5) * grids.length) / n)]!);
}
