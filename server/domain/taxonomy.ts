// The problem taxonomy (问题分类): 9 categories → 32 subcategories → 90 items.
// Categories 01–06 follow the event classes of GB/T 30428 digital urban management (市容环境,
// 宣传广告, 施工管理, 街面秩序, 突发事件, and the extended class for facilities); 07–09 are the
// grid-governance side (社会治安与矛盾纠纷, 安全生产, 民生服务与农村人居).
// Codes: category 'CC', subcategory 'CCSS', item 'CCSSII'.
// Time limits: urgent 2–4 h (severity 3), important 24–48 h (severity 2), general 72–168 h (severity 1).
import type { TaxonomyCategory, TaxonomyItem, TaxonomySubcategory } from './model';

type CategoryRow = [code: string, name: string, nameEn: string];
type SubcategoryRow = [code: string, name: string, nameEn: string];
/** [item code, name, English name, department, time limit in hours] */
type ItemRow = [code: string, name: string, nameEn: string, departmentId: string, hours: number];

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
  ['010101', '暴露垃圾', 'Exposed rubbish', 'D02', 72],
  ['010102', '积存渣土', 'Accumulated debris', 'D02', 72],
  ['010103', '道路不洁', 'Dirty road surface', 'D02', 72],
  ['010201', '垃圾桶满溢', 'Overflowing bins', 'D02', 24],
  ['010202', '垃圾分类不规范', 'Improper waste sorting', 'D02', 168],
  ['010203', '焚烧垃圾树叶', 'Burning rubbish or leaves', 'D06', 24],
  ['010301', '乱堆物堆料', 'Piled materials', 'D02', 72],
  ['010302', '沿街晾挂', 'Laundry hung on the street', 'D02', 72],
  ['010303', '违规饲养家禽', 'Poultry kept in the city', 'D02', 168],
  ['010401', '餐饮油烟扰民', 'Restaurant fumes', 'D06', 72],
  ['010402', '噪声扰民', 'Noise nuisance', 'D06', 48],
  ['010403', '污水直排', 'Untreated sewage discharge', 'D06', 24],
  ['010404', '扬尘污染', 'Dust pollution', 'D06', 48],
  ['020101', '违规户外广告', 'Unauthorised outdoor advertising', 'D02', 168],
  ['020102', '广告牌破损', 'Damaged billboard', 'D02', 48],
  ['020201', '非法小广告', 'Illegal flyers', 'D02', 72],
  ['020202', '乱涂写乱刻画', 'Graffiti', 'D02', 72],
  ['020301', '店招破损', 'Damaged shop sign', 'D02', 72],
  ['020302', '违规悬挂横幅', 'Unauthorised banners', 'D02', 72],
  ['020303', '散发宣传品', 'Leafleting', 'D02', 168],
  ['030101', '夜间施工噪声', 'Night construction noise', 'D06', 24],
  ['030102', '施工扬尘', 'Construction dust', 'D04', 48],
  ['030201', '施工围挡破损', 'Damaged site hoarding', 'D04', 48],
  ['030202', '工地出入口不洁', 'Dirty site entrance', 'D02', 72],
  ['030203', '渣土运输遗撒', 'Spilled muck from trucks', 'D02', 24],
  ['030301', '违章建筑', 'Illegal building', 'D02', 72],
  ['030302', '私搭乱建', 'Unauthorised shed or extension', 'D02', 72],
  ['030303', '擅自改变房屋结构', 'Unauthorised structural alteration', 'D04', 48],
  ['040101', '占道经营', 'Trading on the road', 'D02', 72],
  ['040102', '店外经营', 'Trading outside the shop', 'D02', 72],
  ['040103', '流动摊贩', 'Mobile hawkers', 'D02', 72],
  ['040104', '露天烧烤', 'Open-air barbecue', 'D02', 72],
  ['040201', '机动车乱停放', 'Illegal car parking', 'D01', 24],
  ['040202', '非机动车乱停放', 'Illegal bike parking', 'D02', 72],
  ['040203', '占用消防通道', 'Blocked fire lane', 'D14', 4],
  ['040204', '僵尸车', 'Abandoned vehicle', 'D01', 168],
  ['040301', '占道堆物', 'Objects piled on the road', 'D02', 72],
  ['040302', '违规占道施工', 'Unauthorised road works', 'D02', 48],
  ['040401', '黑车非法营运', 'Unlicensed taxi', 'D07', 72],
  ['040402', '无证洗车', 'Unlicensed car wash', 'D02', 168],
  ['050101', '道路积水', 'Road waterlogging', 'D02', 4],
  ['050102', '窨井冒溢', 'Manhole overflow', 'D21', 4],
  ['050103', '内涝倒灌', 'Flood water entering homes', 'D13', 2],
  ['050201', '燃气泄漏', 'Gas leak', 'D22', 2],
  ['050202', '火情', 'Fire', 'D14', 2],
  ['050203', '路面塌陷', 'Road collapse', 'D04', 2],
  ['050301', '树木倒伏', 'Fallen tree', 'D02', 4],
  ['050302', '山体滑坡', 'Landslide', 'D05', 4],
  ['050303', '河道水位超警', 'River above warning level', 'D08', 2],
  ['050401', '疑似传染病聚集', 'Suspected infectious cluster', 'D09', 2],
  ['050402', '动物死亡', 'Dead animals', 'D16', 4],
  ['050403', '群体性食物中毒', 'Food poisoning', 'D09', 2],
  ['060101', '井盖缺失', 'Missing manhole cover', 'D02', 4],
  ['060102', '井盖破损', 'Damaged manhole cover', 'D02', 24],
  ['060103', '消火栓损坏', 'Damaged fire hydrant', 'D14', 48],
  ['060201', '路面破损', 'Damaged road surface', 'D04', 48],
  ['060202', '人行道板松动', 'Loose paving slabs', 'D02', 72],
  ['060203', '交通护栏损坏', 'Damaged guardrail', 'D07', 48],
  ['060301', '路灯不亮', 'Street light out', 'D02', 72],
  ['060302', '电线私拉乱接', 'Illegal wiring', 'D20', 24],
  ['060303', '变压器异常', 'Transformer fault', 'D20', 4],
  ['060401', '供水管道破裂', 'Burst water main', 'D21', 4],
  ['060402', '停水', 'Water outage', 'D21', 24],
  ['060403', '水管冻裂', 'Frozen and cracked pipes', 'D21', 24],
  ['070101', '治安隐患', 'Public-security hazard', 'D01', 24],
  ['070102', '可疑人员', 'Suspicious person', 'D01', 4],
  ['070103', '群租房', 'Overcrowded rental', 'D01', 72],
  ['070201', '邻里纠纷', 'Neighbour dispute', 'D18', 72],
  ['070202', '婚姻家庭纠纷', 'Family dispute', 'D18', 72],
  ['070203', '物业纠纷', 'Property-management dispute', 'D04', 72],
  ['070204', '劳资纠纷', 'Unpaid wages dispute', 'D12', 48],
  ['070301', '群体性上访苗头', 'Signs of a group petition', 'D19', 24],
  ['070302', '重复信访', 'Repeated petition', 'D19', 168],
  ['070401', '重点人员动态', 'Person under watch', 'D01', 24],
  ['070402', '社区矫正人员', 'Person on community correction', 'D18', 72],
  ['080101', '消防设施缺失', 'Missing fire equipment', 'D14', 48],
  ['080102', '电动车楼道充电', 'E-bike charging indoors', 'D14', 24],
  ['080103', '堵塞安全出口', 'Blocked emergency exit', 'D14', 24],
  ['080201', '液化气违规使用', 'Unsafe LPG use', 'D22', 24],
  ['080202', '燃气管道隐患', 'Gas pipe hazard', 'D22', 24],
  ['080301', '三合一场所', 'Shop, store and dwelling in one', 'D13', 48],
  ['080302', '食品安全', 'Food safety', 'D03', 24],
  ['080303', '电梯故障', 'Lift fault', 'D03', 4],
  ['090101', '困难群众救助', 'Hardship assistance', 'D11', 72],
  ['090102', '独居老人关爱', 'Care for elderly living alone', 'D11', 72],
  ['090201', '河道漂浮物', 'Floating rubbish in waterways', 'D08', 72],
  ['090202', '秸秆焚烧', 'Straw burning', 'D06', 4],
  ['090203', '乱砍滥伐', 'Illegal logging', 'D17', 48],
  ['090301', '校园周边秩序', 'Order around schools', 'D10', 48],
  ['090302', '非法行医', 'Unlicensed medical practice', 'D09', 48],
];

/** Severity from the time limit: the limit is what makes an item urgent. */
export function severityForHours(hours: number): 1 | 2 | 3 {
  if (hours <= 4) return 3;
  if (hours <= 48) return 2;
  return 1;
}

const categories: TaxonomyCategory[] = CATEGORY_ROWS.map(([code, name, nameEn]) => ({ code, name, nameEn }));
const subcategories: TaxonomySubcategory[] = SUBCATEGORY_ROWS.map(([code, name, nameEn]) => ({
  code,
  categoryCode: code.slice(0, 2),
  name,
  nameEn,
}));
const items: TaxonomyItem[] = ITEM_ROWS.map(([code, name, nameEn, departmentId, hours]) => ({
  code,
  subcategoryCode: code.slice(0, 4),
  categoryCode: code.slice(0, 2),
  name,
  nameEn,
  departmentId,
  timeLimitHours: hours,
  severity: severityForHours(hours),
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
