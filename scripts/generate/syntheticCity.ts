// A small synthetic city for tests of the people-and-governance generators: square grids on a
// lattice, each with residential blocks, village houses (village grids), a shop building, a few
// components and patrol points. Not the reference geography; just enough shape to check the rules.
import type { AdminUnit, Building, CityComponent, LonLat, PatrolPoint, PolygonCoords } from '../../server/domain/model';

/** One plain kind for each use in the synthetic city. */
const KIND_OF_USE: Record<Building['use'], Building['kind']> = {
  residential: 'walk-up',
  commercial: 'shop',
  public: 'community-centre',
  industrial: 'factory',
  'village-house': 'village-house',
};

export interface SyntheticCityOptions {
  communities: number;
  /** Urban grids in total, spread over the communities. */
  urbanGrids: number;
  villages: number;
  villageGrids: number;
  /** Residential blocks per grid and their size. */
  blocksPerGrid: number;
  floors: number;
  dwellingsPerBlock: number;
  /** Village houses per village grid (one or two dwellings each). */
  housesPerVillageGrid: number;
}

export interface SyntheticCity {
  adminUnits: AdminUnit[];
  buildings: Building[];
  components: CityComponent[];
  patrolPoints: PatrolPoint[];
}

/** The structure of FACTS.md (23 communities / 105 urban grids, 39 villages / 199 grids). */
export const FULL_STRUCTURE: SyntheticCityOptions = {
  communities: 23,
  urbanGrids: 105,
  villages: 39,
  villageGrids: 199,
  blocksPerGrid: 6,
  floors: 6,
  dwellingsPerBlock: 72,
  housesPerVillageGrid: 160,
};

const CELL = 0.005; // degrees, about 500 m
const COMPOUNDS = ['桂花苑', '翠竹园', '文昌小区'];

function square(x: number, y: number, w: number): PolygonCoords {
  return [
    [
      [x, y],
      [x + w, y],
      [x + w, y + w],
      [x, y + w],
      [x, y],
    ],
  ];
}

function unit(
  id: string,
  name: string,
  level: AdminUnit['level'],
  area: AdminUnit['area'],
  parentId: string | null,
  x: number,
  y: number,
  w: number,
): AdminUnit {
  return {
    id,
    code: id,
    name,
    level,
    area,
    parentId,
    geometry: { type: 'Polygon', coordinates: square(x, y, w) },
    centroid: [x + w / 2, y + w / 2],
    areaM2: (w * 111_000) ** 2,
  };
}

export function syntheticCity(o: SyntheticCityOptions): SyntheticCity {
  const x0 = 116.9;
  const y0 = 31.0;
  const adminUnits: AdminUnit[] = [unit('340881', '桐城市', 'city', null, null, x0, y0, 1)];
  adminUnits.push(unit('340881001', '龙腾街道', 'subdistrict', 'urban', '340881', x0, y0, 0.5));
  adminUnits.push(unit('340881100', '新渡镇', 'town', 'village', '340881', x0 + 0.5, y0, 0.5));
  const buildings: Building[] = [];
  const components: CityComponent[] = [];
  const patrolPoints: PatrolPoint[] = [];
  let cell = 0;

  const addGrid = (parent: AdminUnit, index: number, area: 'urban' | 'village') => {
    const cx = x0 + (cell % 40) * CELL;
    const cy = y0 + 0.6 + Math.floor(cell / 40) * CELL;
    cell++;
    const id = `${parent.id}G${String(index).padStart(2, '0')}`;
    const grid = unit(id, `${parent.name}第${index}网格`, 'grid', area, parent.id, cx, cy, CELL);
    adminUnits.push(grid);
    const at = (fx: number, fy: number): LonLat => [cx + fx * CELL, cy + fy * CELL];
    const building = (n: number, use: Building['use'], fx: number, fy: number, floors: number, dwellings: number) => {
      const [x, y] = at(fx, fy);
      // Blocks of flats belong to three compounds per grid, addressed like the real ones ('…苑3栋').
      const address = use === 'residential' ? `${grid.name}${COMPOUNDS[n % 3]}${n}栋` : `${grid.name}幸福路${n}号`;
      buildings.push({
        id: `${id}-B${String(n).padStart(3, '0')}`,
        gridId: id,
        address,
        use,
        floors,
        heightM: floors * 3,
        footprint: square(x - 0.0001, y - 0.0001, 0.0002),
        centroid: [x, y],
        dwellings,
        kind: KIND_OF_USE[use],
        builtYear: 2005,
      });
    };
    let n = 1;
    for (let b = 0; b < o.blocksPerGrid; b++)
      building(n++, 'residential', 0.1 + 0.12 * b, 0.3, o.floors, o.dwellingsPerBlock);
    building(n++, 'commercial', 0.5, 0.8, 2, 0);
    if (area === 'village') {
      for (let h = 0; h < o.housesPerVillageGrid; h++) {
        building(
          n++,
          'village-house',
          0.05 + 0.9 * ((h % 20) / 20),
          0.45 + 0.3 * (Math.floor(h / 20) / 20),
          2,
          1 + (h % 3 === 0 ? 1 : 0),
        );
      }
    }
    const comp = (k: number, subtype: string, subtypeCode: string, fx: number, fy: number) => {
      components.push({
        id: `${id}-C${k}`,
        code: `340881-01-${subtypeCode.slice(2)}-${id}${k}`,
        categoryCode: '01',
        category: '公用设施',
        subtypeCode,
        subtype,
        departmentId: 'D02',
        state: 'normal',
        position: at(fx, fy),
        gridId: id,
        roadId: null,
      });
    };
    comp(1, '污水井盖', '0102', 0.2, 0.1);
    comp(2, '雨水井盖', '0103', 0.6, 0.1);
    comp(3, '路灯', '0301', 0.4, 0.15);
    patrolPoints.push({
      id: `${id}-P1`,
      name: `${grid.name}主干道点位`,
      kind: 'main-road',
      position: at(0.5, 0.05),
      gridId: id,
    });
    if (index % 2 === 0)
      patrolPoints.push({
        id: `${id}-P2`,
        name: `${grid.name}农贸市场`,
        kind: 'market',
        position: at(0.85, 0.85),
        gridId: id,
      });
  };

  const subdistrict = adminUnits[1]!;
  const town = adminUnits[2]!;
  const spread = (total: number, parts: number, i: number) =>
    Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts);
  for (let c = 0; c < o.communities; c++) {
    const community = unit(
      `340881001${String(c + 1).padStart(3, '0')}`,
      `第${c + 1}社区`,
      'community',
      'urban',
      subdistrict.id,
      x0,
      y0,
      0.1,
    );
    adminUnits.push(community);
    for (let g = 0; g < spread(o.urbanGrids, o.communities, c); g++) addGrid(community, g + 1, 'urban');
  }
  for (let v = 0; v < o.villages; v++) {
    const village = unit(
      `340881100${String(v + 201).padStart(3, '0')}`,
      `第${v + 1}村`,
      'village',
      'village',
      town.id,
      x0 + 0.5,
      y0,
      0.1,
    );
    adminUnits.push(village);
    for (let g = 0; g < spread(o.villageGrids, o.villages, v); g++) addGrid(village, g + 1, 'village');
  }
  return { adminUnits, buildings, components, patrolPoints };
}
