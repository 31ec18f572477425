// The city-component catalogue (城市部件分类), after GB/T 30428.2 (digital urban management — management
// components and events): six categories → subtypes, each with a 4-digit code, the department that
// owns it, how common it is, and where the generator places it. Pure data, shared with the client.

/** Where a component stands, for the generator: */
export type PlacementRule =
  | 'main-road' // along the urban main roads (主干道)
  | 'any-road' // along every road, urban and in the pilot towns
  | 'junction' // at road junctions (路口)
  | 'compound' // inside residential compounds (住宅小区)
  | 'park' // on open ground: squares, green space (广场、绿地)
  | 'river' // on the river bank (河岸)
  | 'hamlet'; // in the hamlets of the pilot villages (自然村)

/** Where on the road a road-side component sits. */
export type RoadSlot = 'carriageway' | 'kerb';

export interface ComponentCategory {
  code: string; // '01'
  name: string;
  nameEn: string;
}

export interface ComponentSubtype {
  code: string; // '0101': category code + 2 digits
  categoryCode: string;
  name: string;
  nameEn: string;
  departmentId: string; // owner (权属/养护部门), from departments.ts
  /** Relative frequency: the share of all components is weight / sum of weights. */
  weight: number;
  placement: PlacementRule;
  /** For road rules: in the carriageway (manhole covers) or at the kerb (lights, trees, bins). */
  slot?: RoadSlot;
}

export const COMPONENT_CATEGORIES: readonly ComponentCategory[] = [
  { code: '01', name: '公用设施', nameEn: 'Public utilities' },
  { code: '02', name: '道路交通设施', nameEn: 'Road and traffic facilities' },
  { code: '03', name: '市容环境设施', nameEn: 'City appearance and sanitation facilities' },
  { code: '04', name: '园林绿化设施', nameEn: 'Landscaping and greening facilities' },
  { code: '05', name: '房屋土地', nameEn: 'Buildings and land' },
  { code: '06', name: '其他设施', nameEn: 'Other facilities' },
];

const s = (
  code: string,
  name: string,
  nameEn: string,
  departmentId: string,
  weight: number,
  placement: PlacementRule,
  slot?: RoadSlot,
): ComponentSubtype => ({
  code,
  categoryCode: code.slice(0, 2),
  name,
  nameEn,
  departmentId,
  weight,
  placement,
  ...(slot ? { slot } : {}),
});

export const COMPONENT_SUBTYPES: readonly ComponentSubtype[] = [
  // 01 公用设施
  s('0101', '上水井盖', 'Water-supply manhole cover', 'D21', 900, 'any-road', 'carriageway'),
  s('0102', '污水井盖', 'Sewer manhole cover', 'D04', 1500, 'any-road', 'carriageway'),
  s('0103', '雨水井盖', 'Storm-water manhole cover', 'D04', 1700, 'any-road', 'carriageway'),
  s('0104', '雨水箅子', 'Storm-drain grate', 'D04', 1400, 'any-road', 'kerb'),
  s('0105', '电力井盖', 'Power-cable manhole cover', 'D20', 600, 'main-road', 'carriageway'),
  s('0106', '通信井盖', 'Telecom manhole cover', 'D02', 700, 'main-road', 'kerb'),
  s('0107', '燃气井盖', 'Gas-valve manhole cover', 'D22', 350, 'main-road', 'kerb'),
  s('0108', '消火栓', 'Fire hydrant', 'D14', 520, 'main-road', 'kerb'),
  s('0109', '配电箱', 'Power distribution box', 'D20', 380, 'any-road', 'kerb'),
  s('0110', '路灯', 'Street light', 'D02', 3900, 'any-road', 'kerb'),
  s('0111', '景观灯', 'Landscape light', 'D02', 500, 'park'),
  s('0112', '监控电子眼', 'Surveillance camera (as a component)', 'D01', 260, 'junction'),
  s('0113', '通信交接箱', 'Telecom cross-connect cabinet', 'D02', 300, 'any-road', 'kerb'),
  s('0114', '变压器', 'Transformer', 'D20', 160, 'compound'),
  // 02 道路交通设施
  s('0201', '公交候车亭', 'Bus shelter', 'D07', 160, 'main-road', 'kerb'),
  s('0202', '公交站牌', 'Bus-stop sign', 'D07', 120, 'main-road', 'kerb'),
  s('0203', '交通信号灯', 'Traffic signal', 'D01', 420, 'junction'),
  s('0204', '交通标志牌', 'Traffic sign', 'D01', 700, 'any-road', 'kerb'),
  s('0205', '道路护栏', 'Road guardrail', 'D07', 500, 'main-road', 'carriageway'),
  s('0206', '隔离墩', 'Traffic bollard', 'D07', 300, 'any-road', 'kerb'),
  s('0207', '非机动车停放点', 'Bicycle parking', 'D02', 260, 'main-road', 'kerb'),
  s('0208', '路名牌', 'Street-name sign', 'D05', 320, 'junction'),
  s('0209', '停车泊位', 'On-street parking bay', 'D01', 400, 'any-road', 'kerb'),
  // 03 市容环境设施
  s('0301', '公共厕所', 'Public toilet', 'D02', 90, 'park'),
  s('0302', '垃圾箱', 'Litter bin', 'D02', 1900, 'any-road', 'kerb'),
  s('0303', '垃圾收集点', 'Refuse collection point', 'D02', 420, 'compound'),
  s('0304', '户外广告牌', 'Billboard', 'D02', 350, 'main-road', 'kerb'),
  s('0305', '报刊亭', 'Newsstand', 'D02', 60, 'main-road', 'kerb'),
  s('0306', '宣传栏', 'Notice board', 'D02', 240, 'compound'),
  s('0307', '垃圾转运站', 'Refuse transfer station', 'D02', 25, 'compound'),
  s('0308', '农村垃圾收集亭', 'Village refuse kiosk', 'D02', 300, 'hamlet'),
  // 04 园林绿化设施
  s('0401', '行道树', 'Street tree', 'D02', 3300, 'any-road', 'kerb'),
  s('0402', '花坛', 'Flower bed', 'D02', 350, 'park'),
  s('0403', '护树设施', 'Tree guard', 'D02', 300, 'main-road', 'kerb'),
  s('0404', '绿地座椅', 'Park bench', 'D02', 400, 'park'),
  s('0405', '雕塑', 'Sculpture', 'D15', 40, 'park'),
  // 05 房屋土地
  s('0501', '危房监测点', 'Dilapidated-house watch point', 'D04', 60, 'compound'),
  s('0502', '在建工地', 'Construction site', 'D04', 45, 'park'),
  s('0503', '闲置地块', 'Vacant plot', 'D05', 40, 'park'),
  // 06 其他设施
  s('0601', '健身设施', 'Fitness equipment', 'D15', 300, 'compound'),
  s('0602', '应急避难场所标识', 'Emergency-shelter sign', 'D13', 60, 'park'),
  s('0603', '河道护栏', 'River railing', 'D08', 180, 'river'),
  s('0604', '防汛设施', 'Flood-control facility', 'D08', 50, 'river'),
  s('0605', '充电桩', 'EV charging post', 'D20', 200, 'compound'),
  s('0606', '村务公开栏', 'Village affairs notice board', 'D16', 160, 'hamlet'),
];

/** Manhole covers (窨井盖): where a smart-manhole sensor (智慧窨井) can sit. */
export const MANHOLE_SUBTYPE_CODES: readonly string[] = ['0101', '0102', '0103', '0105', '0106', '0107'];

export function componentCategory(code: string): ComponentCategory {
  const c = COMPONENT_CATEGORIES.find((x) => x.code === code);
  if (!c) throw new Error(`unknown component category ${code}`);
  return c;
}

export function componentSubtype(code: string): ComponentSubtype {
  const t = COMPONENT_SUBTYPES.find((x) => x.code === code);
  if (!t) throw new Error(`unknown component subtype ${code}`);
  return t;
}

/** A component's code: county-category-subtype-serial, e.g. 340881-01-0101-000123. */
export function componentCode(county: string, subtypeCode: string, serial: number): string {
  return `${county}-${subtypeCode.slice(0, 2)}-${subtypeCode}-${String(serial).padStart(6, '0')}`;
}
