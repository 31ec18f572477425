// The records of the reference dataset and of the running platform. Pure types, shared by the
// generator, the store, the routes and (through the `@domain` alias) the client.
// Coordinates are WGS84 (EPSG:4326), longitude first.
import type { Role } from './access';
import type { CaseAction, StepDetail } from './workflow/states';

export type LonLat = [lon: number, lat: number];
/** A GeoJSON Polygon's coordinates: outer ring first, each ring closed. */
export type PolygonCoords = LonLat[][];
export type LineCoords = LonLat[];

/**
 * A unit of the administrative / grid tree (行政区划与网格).
 * city (市) → subdistrict (街道) | town (镇) → community (社区) | village (村) → grid (责任网格).
 */
export type AdminLevel = 'city' | 'subdistrict' | 'town' | 'community' | 'village' | 'grid';
/** Urban area (城区) or the smart-village pilot (数字乡村试点). */
export type AdminArea = 'urban' | 'village';

export interface AdminUnit {
  id: string; // statistical code where one exists (340881, 340881001, 340881001001), grid: parent code + 'G' + 2 digits
  code: string;
  name: string;
  level: AdminLevel;
  area: AdminArea | null; // null for the city
  parentId: string | null;
  /** Polygon (or MultiPolygon for the city) coordinates as GeoJSON geometry. */
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: PolygonCoords[] };
  centroid: LonLat;
  areaM2: number;
}

/**
 * A road's place in the hierarchy: 高速公路, 国道, 省道, 县乡道, 村道 in the county; 主干路, 次干路
 * and 支路/巷 in the city; and the railway (铁路), kept with the roads as a line with a width.
 */
export type RoadKind =
  | 'expressway'
  | 'national'
  | 'provincial'
  | 'county'
  | 'village'
  | 'arterial'
  | 'collector'
  | 'lane'
  | 'railway';

/** A road centre line (道路): main (主干道) or secondary (次干道), and its kind in the hierarchy. */
export interface Road {
  id: string;
  name: string;
  class: 'main' | 'secondary';
  kind: RoadKind;
  /** The route number of a national road or expressway (G3, G206); the line's name of a railway. */
  ref?: string;
  /** A railway's stations on it. */
  stations?: { name: string; position: LonLat }[];
  line: LineCoords;
  widthM: number;
}

/** The river (河流) through the urban area, as a centre line with a width. */
export interface River {
  id: string;
  name: string;
  line: LineCoords;
  widthM: number;
}

/** Standing water (水面): a village pond (水塘) or a small reservoir (小型水库), as a polygon. */
export interface WaterBody {
  id: string;
  name: string;
  kind: 'pond' | 'reservoir';
  gridId: string;
  polygon: PolygonCoords;
  areaM2: number;
}

/**
 * A township (乡镇) of the county's base map: its territory and seat, as the generator's partition of
 * the county draws them (made around real, approximate seats). The two pilot towns are also admin
 * units with their villages and grids; the others are only drawn, with their names.
 */
export interface Township {
  code: string;
  name: string;
  /** One of the article's village pilot towns (新渡镇, 范岗镇). */
  pilot: boolean;
  polygon: PolygonCoords;
  seat: LonLat;
}

/** Land use (用地): what covers the ground, drawn under the roads and the buildings. */
export type LandUseKind = 'field' | 'forest' | 'park' | 'built-up' | 'water';

/** One land-use patch (耕地, 林地, 公园, 建成区, 湖泊) as a polygon, possibly with holes. Made, not surveyed. */
export interface LandUse {
  id: string;
  kind: LandUseKind;
  /** A lake's or park's name; empty for fields, forest and built-up land. */
  name: string;
  polygon: PolygonCoords;
  areaM2: number;
}

/**
 * One row of the elevation model (数字高程模型): heights in decimetres above sea level, west to east
 * from `west` every `stepDeg` degrees, at latitude `lat`. Rows go south to north, `stepDeg` apart.
 */
export interface TerrainRow {
  row: number;
  lat: number;
  west: number;
  stepDeg: number;
  heightsDm: number[];
}

/** A residential compound (住宅小区): its block (the walled lot) and its gate (小区大门) on the street side. */
export interface Compound {
  id: string;
  name: string;
  gridId: string;
  block: PolygonCoords;
  /** The gate, on the block's edge facing the nearest street, and its name (…东门). */
  gate: { name: string; position: LonLat };
}

export type BuildingUse = 'residential' | 'commercial' | 'public' | 'industrial' | 'village-house';

/**
 * What the building is within its use (issue 14): residential courtyard houses (合院), walk-ups (多层),
 * slabs and point towers (高层), and shop-houses (商住楼: shops on the ground floor, flats above);
 * commercial shops, malls and offices; public schools, hospitals, government offices, community
 * centres and halls; industrial factories; village houses (one household each).
 */
export const BUILDING_KINDS = [
  'courtyard',
  'walk-up',
  'slab',
  'tower',
  'shophouse',
  'shop',
  'mall',
  'office',
  'school',
  'hospital',
  'government',
  'community-centre',
  'hall',
  'factory',
  'village-house',
] as const;
export type BuildingKind = (typeof BUILDING_KINDS)[number];

/** A building (建筑) from its footprint. */
export interface Building {
  id: string;
  gridId: string;
  address: string;
  use: BuildingUse;
  floors: number;
  heightM: number;
  footprint: PolygonCoords;
  centroid: LonLat;
  /** Dwelling units the building can hold (0 for non-residential). */
  dwellings: number;
  kind: BuildingKind;
  /** The year it was built (made, by its district and kind); its era is `eraOf(builtYear)`. */
  builtYear: number;
}

export type ComponentState = 'normal' | 'damaged' | 'missing' | 'occupied';

/** A city component (城市部件), classified after GB/T 30428: category → subtype → code. */
export interface CityComponent {
  id: string;
  code: string; // e.g. 340881-01-01-000123 (county, category, subtype, serial)
  categoryCode: string; // '01'
  category: string; // 公用设施
  subtypeCode: string; // '0101'
  subtype: string; // 窨井盖
  departmentId: string;
  state: ComponentState;
  position: LonLat;
  gridId: string;
  roadId: string | null;
}

/** A video device (视频监控) of the police (公安) or urban management (城管). */
export interface Camera {
  id: string;
  code: string;
  owner: 'police' | 'urban-management';
  position: LonLat;
  headingDeg: number; // clockwise from north
  fovDeg: number;
  rangeM: number;
  heightM: number;
  online: boolean;
  gridId: string;
}

/** A patrol point (巡查点位) on roads, markets and residential compounds. */
export interface PatrolPoint {
  id: string;
  name: string;
  kind: 'main-road' | 'secondary-road' | 'market' | 'compound';
  position: LonLat;
  gridId: string;
}

export type SensorKind = 'manhole' | 'rain-gauge' | 'river-gauge';

/** A sensing terminal (感知终端): smart manhole (智慧窨井), rain gauge (雨量计), river gauge (水位计). */
export interface Sensor {
  id: string;
  kind: SensorKind;
  componentId: string | null; // the manhole cover a smart manhole sits in
  position: LonLat;
  gridId: string;
}

/** A department (职能部门) in the joint-duty system (大联勤). */
export interface Department {
  id: string; // 'D01'..'D22'
  name: string;
  nameEn: string;
}

/** The problem taxonomy (问题分类): 9 categories → 32 subcategories → 90 items. */
export interface TaxonomyCategory {
  code: string;
  name: string;
  nameEn: string;
}
export interface TaxonomySubcategory {
  code: string;
  categoryCode: string;
  name: string;
  nameEn: string;
}
export interface TaxonomyItem {
  code: string; // '010203'
  subcategoryCode: string;
  categoryCode: string;
  name: string;
  nameEn: string;
  departmentId: string;
  timeLimitHours: number;
  severity: 1 | 2 | 3; // 1 general, 2 important, 3 urgent
}

export interface Household {
  id: string;
  buildingId: string;
  gridId: string;
  address: string;
  size: number;
}

export type ResidentTag =
  | 'elderly-alone'
  | 'disabled'
  | 'low-income'
  | 'party-member'
  | 'veteran'
  | 'left-behind-child';

/** A resident (居民). Personal data: synthetic, but treated as real (masked by default). */
export interface Resident {
  id: string;
  householdId: string;
  gridId: string;
  name: string;
  idNumber: string; // 18 digits, region 340881, valid ISO 7064 check digit
  /** A mobile number; null for a child too young to have one. */
  phone: string | null;
  sex: 'M' | 'F';
  birthDate: string; // YYYY-MM-DD
  tags: ResidentTag[];
  /** Registered in this household but living elsewhere (人户分离): working away, studying, married out. */
  livesElsewhere: boolean;
}

export type OrganisationKind =
  | 'party-alliance' // 社区党建联盟
  | 'grid-party-branch' // 网格党支部
  | 'compound-party-group' // 小区党小组
  | 'property-company' // 物业公司
  | 'business'; // 商户/企业

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  parentId: string | null;
  adminUnitId: string; // the community or grid it belongs to
  position: LonLat | null;
}

/** A building-unit head (单元长): a resident who heads a building unit for a compound party group. */
export interface UnitHead {
  residentId: string;
  partyGroupId: string;
  buildingId: string;
  unit: number;
}

/** The full-time grid worker (专职网格员) of an urban responsibility grid. */
export interface GridWorker {
  id: string;
  gridId: string;
  name: string;
  phone: string;
}

/** Where a case came from (事件来源): the channel that reported it. Not the browser's EventSource. */
/** Where a case came from; `leader`: assigned by a city leader (领导交办, e.g. on the leader scheduling day). */
export type EventOrigin = 'patrol' | 'resident' | 'camera' | 'sensor' | 'hotline' | 'department' | 'leader';
/**
 * The workflow's status (workflow/states.ts): the seven stages', then `rejected` (不予立案) and `merged`
 * (a duplicate merged into an open case) for reports never filed.
 */
export type EventStatus =
  | 'reported'
  | 'filed'
  | 'dispatched'
  | 'handling'
  | 'feedback'
  | 'verified'
  | 'closed'
  | 'rejected'
  | 'merged';
/** The closed loop's seven stages (信息收集、案卷建立、任务派遣、任务处理、处理反馈、核查结案、综合评价). */
export type EventStage = 'collect' | 'file' | 'dispatch' | 'handle' | 'feedback' | 'verify' | 'evaluate';

/** An event (事件/案卷) in the closed-loop workflow. Times are ISO 8601 UTC strings. */
export interface GovEvent {
  id: string;
  code: string;
  itemCode: string;
  source: EventOrigin;
  gridId: string;
  position: LonLat;
  reportedAt: string;
  deadlineAt: string;
  departmentId: string;
  status: EventStatus;
  closedAt: string | null;
  overdue: boolean;
  description: string;
}

export interface EventStep {
  eventId: string;
  seq: number;
  stage: EventStage;
  at: string;
  actor: string;
  note: string;
  /** The workflow's action, the actor's role and the action's resolved detail (workflow/states.ts); a
   * dataset from before the workflow has none, and is read as the straight run (workflow/replay.ts). */
  action?: CaseAction;
  role?: Role | 'system' | null;
  detail?: StepDetail | null;
}

/** Points a missed limit cost its holder (扣分; workflow/deadlines.ts), as the case_deductions table holds them. */
export interface CaseDeductionRow {
  eventId: string;
  clock: string;
  holder: string;
  stage: string;
  dueAt: string;
  deductedAt: string;
  points: number;
  reason: string;
}

/** A resident-sentiment item (社情民意, the 情 of the six elements). */
export interface SentimentItem {
  id: string;
  gridId: string;
  topic: string;
  polarity: -1 | 0 | 1;
  at: string;
  text: string;
}

/** Everything the generator produces; the store loads it table by table. */
export interface CityDataset {
  meta: { seed: number; scale: number; generatedWith: string; today: string };
  adminUnits: AdminUnit[];
  roads: Road[];
  rivers: River[];
  buildings: Building[];
  /** Residential compounds as walled blocks with their gates (drawn on the ground). */
  compounds?: Compound[];
  /** Ponds and reservoirs (the reference geography; not loaded into the store). */
  waters?: WaterBody[];
  /** Land use over the whole county (fields, forest, parks, built-up land, lakes). */
  landUse?: LandUse[];
  /** The county's towns as its base map draws them (borders and names). */
  townships?: Township[];
  /** The elevation model over the county, south to north. */
  terrain?: TerrainRow[];
  components: CityComponent[];
  cameras: Camera[];
  patrolPoints: PatrolPoint[];
  sensors: Sensor[];
  departments: Department[];
  taxonomy: { categories: TaxonomyCategory[]; subcategories: TaxonomySubcategory[]; items: TaxonomyItem[] };
  households: Household[];
  residents: Resident[];
  organisations: Organisation[];
  unitHeads: UnitHead[];
  gridWorkers: GridWorker[];
  events: GovEvent[];
  eventSteps: EventStep[];
  caseDeductions: CaseDeductionRow[];
  sentiments: SentimentItem[];
}
