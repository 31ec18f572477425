// The problem taxonomy (问题分类): 9 categories → 32 subcategories → 90 items.
// Categories 01–06 follow the event classes of GB/T 30428 digital urban management (市容环境,
// 宣传广告, 施工管理, 街面秩序, 突发事件, and the extended class for facilities); 07–09 are the
// grid-governance side (社会治安与矛盾纠纷, 安全生产, 民生服务与农村人居).
// Codes: category 'CC', subcategory 'CCSS', item 'CCSSII'.
// Time limits (处置时限) in the spirit of the digital urban-management standards (GB/T 30428, CJ/T 214:
// each event class has a closing limit, short for what a street patrol fixes on the spot, long for what
// takes enforcement procedure). Urgent items (severity 3: gas, fire, a missing manhole cover) run 2–4
// hours of natural time; the rest count working hours (docs/adr/0008: 8 a day, Mon–Fri): 1–4 h for
// street matters (street vending 1–2 h, exposed rubbish 4 h), a day or two for repairs and nuisances,
// a week or two for disputes and enforcement, 15–30 working days (3–6 weeks) for illegal building.
// Severity is how much the item matters (and the points a missed limit costs), given per item: a
// short limit no longer makes an item urgent.
import type { TaxonomyCategory, TaxonomyItem, TaxonomySubcategory } from './model';

type CategoryRow = [code: string, name: string, nameEn: string];
type SubcategoryRow = [code: string, name: string, nameEn: string];
/** [item code, name, English name, department, time limit in hours, severity] */
type ItemRow = [code: string, name: string, nameEn: string, departmentId: string, hours: number, severity: 1 | 2 | 3];

const CATEGORY_ROWS: CategoryRow[] = [
  ['01', '市容环境', 'City appearance and environment'],
  ['02', '宣传广告', 'Publicity and advertising'],
  ['03', '施工管理', 'Construction management'],
  ['04', '街面秩序', 'Street order'],
  ['05', '突发事件', 'Emergencies'],
  ['06', '设施维护', 'Public facilities'],
  ['07', '社会治安', 'Public security and disputes'],
  ['08', '安全生产', 'Work and fire safety'],
  ['09', '民生服务', 'Livelihood services and rural environment'],
];

const SUBCATEGORY_ROWS: SubcategoryRow[] = [
  ['0101', '环境卫生', 'Street cleanliness'],
  ['0102', '垃圾收运', 'Refuse collection'],
  ['0103', '市容秩序', 'Appearance order'],
  ['0104', '环境污染', 'Pollution'],
  ['0201', '户外广告', 'Outdoor advertising'],
  ['0202', '非法小广告', 'Illegal flyers and graffiti'],
  ['0203', '招牌标识', 'Shop signs and banners'],
  ['0301', '施工扰民', 'Construction nuisance'],
  ['0302', '工地管理', 'Site management'],
  ['0303', '违法建设', 'Illegal construction'],
  ['0401', '占道经营', 'Street trading'],
  ['0402', '车辆停放', 'Vehicle parking'],
  ['0403', '道路占用', 'Road occupation'],
  ['0404', '非法营运', 'Illegal operation'],
  ['0501', '城市内涝', 'Urban waterlogging'],
  ['0502', '安全事故', 'Accidents'],
  ['0503', '自然灾害', 'Natural hazards'],
  ['0504', '公共卫生', 'Public health'],
  ['0601', '公用设施', 'Utility facilities'],
  ['0602', '道路设施', 'Road facilities'],
  ['0603', '照明电力', 'Lighting and power'],
  ['0604', '供水设施', 'Water supply'],
  ['0701', '治安隐患', 'Public-security hazards'],
  ['0702', '矛盾纠纷', 'Disputes'],
  ['0703', '信访维稳', 'Petitions and stability'],
  ['0704', '特殊人群', 'Special groups'],
  ['0801', '消防安全', 'Fire safety'],
  ['0802', '燃气安全', 'Gas safety'],
  ['0803', '生产经营', 'Business safety'],
  ['0901', '社会保障', 'Social assistance'],
  ['0902', '农村人居', 'Rural environment'],
  ['0903', '公共服务', 'Public services'],
];

const ITEM_ROWS: ItemRow[] = [
  ['010101', '暴露垃圾', 'Exposed rubbish', 'D02', 4, 1],
  ['010102', '积存渣土', 'Accumulated debris', 'D02', 8, 1],
  ['010103', '道路不洁', 'Dirty road surface', 'D02', 4, 1],
  ['010201', '垃圾桶满溢', 'Overflowing bins', 'D02', 4, 2],
  ['010202', '垃圾分类不规范', 'Improper waste sorting', 'D02', 24, 1],
  ['010203', '焚烧垃圾树叶', 'Burning rubbish or leaves', 'D06', 2, 2],
  ['010301', '乱堆物堆料', 'Piled materials', 'D02', 8, 1],
  ['010302', '沿街晾挂', 'Laundry hung on the street', 'D02', 4, 1],
  ['010303', '违规饲养家禽', 'Poultry kept in the city', 'D02', 40, 1],
  ['010401', '餐饮油烟扰民', 'Restaurant fumes', 'D06', 40, 1],
  ['010402', '噪声扰民', 'Noise nuisance', 'D06', 8, 2],
  ['010403', '污水直排', 'Untreated sewage discharge', 'D06', 8, 2],
  ['010404', '扬尘污染', 'Dust pollution', 'D06', 8, 2],
  ['020101', '违规户外广告', 'Unauthorised outdoor advertising', 'D02', 80, 1],
  ['020102', '广告牌破损', 'Damaged billboard', 'D02', 16, 2],
  ['020201', '非法小广告', 'Illegal flyers', 'D02', 8, 1],
  ['020202', '乱涂写乱刻画', 'Graffiti', 'D02', 16, 1],
  ['020301', '店招破损', 'Damaged shop sign', 'D02', 24, 1],
  ['020302', '违规悬挂横幅', 'Unauthorised banners', 'D02', 8, 1],
  ['020303', '散发宣传品', 'Leafleting', 'D02', 4, 1],
  ['030101', '夜间施工噪声', 'Night construction noise', 'D06', 8, 2],
  ['030102', '施工扬尘', 'Construction dust', 'D04', 8, 2],
  ['030201', '施工围挡破损', 'Damaged site hoarding', 'D04', 16, 2],
  ['030202', '工地出入口不洁', 'Dirty site entrance', 'D02', 8, 1],
  ['030203', '渣土运输遗撒', 'Spilled muck from trucks', 'D02', 4, 2],
  ['030301', '违章建筑', 'Illegal building', 'D02', 240, 1],
  ['030302', '私搭乱建', 'Unauthorised shed or extension', 'D02', 120, 1],
  ['030303', '擅自改变房屋结构', 'Unauthorised structural alteration', 'D04', 80, 2],
  ['040101', '占道经营', 'Trading on the road', 'D02', 2, 1],
  ['040102', '店外经营', 'Trading outside the shop', 'D02', 2, 1],
  ['040103', '流动摊贩', 'Mobile hawkers', 'D02', 1, 1],
  ['040104', '露天烧烤', 'Open-air barbecue', 'D02', 2, 1],
  ['040201', '机动车乱停放', 'Illegal car parking', 'D01', 2, 2],
  ['040202', '非机动车乱停放', 'Illegal bike parking', 'D02', 2, 1],
  ['040203', '占用消防通道', 'Blocked fire lane', 'D14', 4, 3],
  ['040204', '僵尸车', 'Abandoned vehicle', 'D01', 80, 1],
  ['040301', '占道堆物', 'Objects piled on the road', 'D02', 4, 1],
  ['040302', '违规占道施工', 'Unauthorised road works', 'D02', 16, 2],
  ['040401', '黑车非法营运', 'Unlicensed taxi', 'D07', 40, 1],
  ['040402', '无证洗车', 'Unlicensed car wash', 'D02', 40, 1],
  ['050101', '道路积水', 'Road waterlogging', 'D02', 4, 3],
  ['050102', '窨井冒溢', 'Manhole overflow', 'D21', 4, 3],
  ['050103', '内涝倒灌', 'Flood water entering homes', 'D13', 2, 3],
  ['050201', '燃气泄漏', 'Gas leak', 'D22', 2, 3],
  ['050202', '火情', 'Fire', 'D14', 2, 3],
  ['050203', '路面塌陷', 'Road collapse', 'D04', 2, 3],
  ['050301', '树木倒伏', 'Fallen tree', 'D02', 4, 3],
  ['050302', '山体滑坡', 'Landslide', 'D05', 4, 3],
  ['050303', '河道水位超警', 'River above warning level', 'D08', 2, 3],
  ['050401', '疑似传染病聚集', 'Suspected infectious cluster', 'D09', 2, 3],
  ['050402', '动物死亡', 'Dead animals', 'D16', 4, 3],
  ['050403', '群体性食物中毒', 'Food poisoning', 'D09', 2, 3],
  ['060101', '井盖缺失', 'Missing manhole cover', 'D02', 4, 3],
  ['060102', '井盖破损', 'Damaged manhole cover', 'D02', 8, 2],
  ['060103', '消火栓损坏', 'Damaged fire hydrant', 'D14', 24, 2],
  ['060201', '路面破损', 'Damaged road surface', 'D04', 40, 2],
  ['060202', '人行道板松动', 'Loose paving slabs', 'D02', 24, 1],
  ['060203', '交通护栏损坏', 'Damaged guardrail', 'D07', 24, 2],
  ['060301', '路灯不亮', 'Street light out', 'D02', 24, 1],
  ['060302', '电线私拉乱接', 'Illegal wiring', 'D20', 8, 2],
  ['060303', '变压器异常', 'Transformer fault', 'D20', 4, 3],
  ['060401', '供水管道破裂', 'Burst water main', 'D21', 4, 3],
  ['060402', '停水', 'Water outage', 'D21', 8, 2],
  ['060403', '水管冻裂', 'Frozen and cracked pipes', 'D21', 8, 2],
  ['070101', '治安隐患', 'Public-security hazard', 'D01', 24, 2],
  ['070102', '可疑人员', 'Suspicious person', 'D01', 4, 3],
  ['070103', '群租房', 'Overcrowded rental', 'D01', 40, 1],
  ['070201', '邻里纠纷', 'Neighbour dispute', 'D18', 40, 1],
  ['070202', '婚姻家庭纠纷', 'Family dispute', 'D18', 40, 1],
  ['070203', '物业纠纷', 'Property-management dispute', 'D04', 80, 1],
  ['070204', '劳资纠纷', 'Unpaid wages dispute', 'D12', 80, 2],
  ['070301', '群体性上访苗头', 'Signs of a group petition', 'D19', 8, 2],
  ['070302', '重复信访', 'Repeated petition', 'D19', 120, 1],
  ['070401', '重点人员动态', 'Person under watch', 'D01', 8, 2],
  ['070402', '社区矫正人员', 'Person on community correction', 'D18', 40, 1],
  ['080101', '消防设施缺失', 'Missing fire equipment', 'D14', 40, 2],
  ['080102', '电动车楼道充电', 'E-bike charging indoors', 'D14', 8, 2],
  ['080103', '堵塞安全出口', 'Blocked emergency exit', 'D14', 4, 2],
  ['080201', '液化气违规使用', 'Unsafe LPG use', 'D22', 8, 2],
  ['080202', '燃气管道隐患', 'Gas pipe hazard', 'D22', 8, 2],
  ['080301', '三合一场所', 'Shop, store and dwelling in one', 'D13', 80, 2],
  ['080302', '食品安全', 'Food safety', 'D03', 16, 2],
  ['080303', '电梯故障', 'Lift fault', 'D03', 4, 3],
  ['090101', '困难群众救助', 'Hardship assistance', 'D11', 40, 1],
  ['090102', '独居老人关爱', 'Care for elderly living alone', 'D11', 16, 1],
  ['090201', '河道漂浮物', 'Floating rubbish in waterways', 'D08', 16, 1],
  ['090202', '秸秆焚烧', 'Straw burning', 'D06', 4, 3],
  ['090203', '乱砍滥伐', 'Illegal logging', 'D17', 80, 2],
  ['090301', '校园周边秩序', 'Order around schools', 'D10', 16, 2],
  ['090302', '非法行医', 'Unlicensed medical practice', 'D09', 40, 2],
];

const categories: TaxonomyCategory[] = CATEGORY_ROWS.map(([code, name, nameEn]) => ({ code, name, nameEn }));
const subcategories: TaxonomySubcategory[] = SUBCATEGORY_ROWS.map(([code, name, nameEn]) => ({
  code,
  categoryCode: code.slice(0, 2),
  name,
  nameEn,
}));
const items: TaxonomyItem[] = ITEM_ROWS.map(([code, name, nameEn, departmentId, hours, severity]) => ({
  code,
  subcategoryCode: code.slice(0, 4),
  categoryCode: code.slice(0, 2),
  name,
  nameEn,
  departmentId,
  timeLimitHours: hours,
  severity,
}));

export const TAXONOMY: {
  readonly categories: readonly TaxonomyCategory[];
  readonly subcategories: readonly TaxonomySubcategory[];
  readonly items: readonly TaxonomyItem[];
} = { categories, subcategories, items };

const categoryByCode = new Map(categories.map((c) => [c.code, c]));
const subcategoryByCode = new Map(subcategories.map((s) => [s.code, s]));
const itemByCode = new Map(items.map((i) => [i.code, i]));

export function findCategory(code: string): TaxonomyCategory | undefined {
  return categoryByCode.get(code);
}
export function findSubcategory(code: string): TaxonomySubcategory | undefined {
  return subcategoryByCode.get(code);
}
export function findItem(code: string): TaxonomyItem | undefined {
  return itemByCode.get(code);
}

/** The item with `code`; throws on an unknown code (for callers that hold a code from the taxonomy). */
export function getItem(code: string): TaxonomyItem {
  const item = itemByCode.get(code);
  if (!item) throw new Error(`unknown taxonomy item '${code}'`);
  return item;
}

export function subcategoriesOf(categoryCode: string): TaxonomySubcategory[] {
  return subcategories.filter((s) => s.categoryCode === categoryCode);
}
export function itemsOf(subcategoryCode: string): TaxonomyItem[] {
  return items.filter((i) => i.subcategoryCode === subcategoryCode);
}
export function itemsOfCategory(categoryCode: string): TaxonomyItem[] {
  return items.filter((i) => i.categoryCode === categoryCode);
}

/** The item's path for display: 市容环境 / 环境卫生 / 暴露垃圾. */
export function itemPath(code: string, lang: 'zh' | 'en' = 'zh'): string {
  const item = getItem(code);
  const parts = [categoryByCode.get(item.categoryCode)!, subcategoryByCode.get(item.subcategoryCode)!, item];
  return parts.map((p) => (lang === 'zh' ? p.name : p.nameEn)).join(' / ');
}
