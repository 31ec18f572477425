// How often each taxonomy item is reported, where, and in which season — the shape of 170,000
// historical events. Street trading, rubbish and parking dominate county-town casework; emergencies
// are rare; storms in the plum-rain season (梅雨, June–July) bring waterlogging and manhole overflow;
// winter brings frozen pipes, gas and fire hazards; straw burning follows the wheat and rice harvests.
import { TAXONOMY } from '../../server/domain/taxonomy';

/** Where an event of this item is usually found. */
export type Anchor = 'market' | 'road' | 'manhole' | 'lamp' | 'hydrant' | 'residential' | 'commercial' | 'any';
export type Season = 'none' | 'storm' | 'summer' | 'winter' | 'harvest' | 'festival';

export interface ItemProfile {
  weight: number;
  anchor: Anchor;
  /** Multiplier in village grids (digital village pilot). */
  village: number;
  season: Season;
  /** A phrase that follows the place in the description. */
  detail: string;
}

type Row = [weight: number, anchor: Anchor, village: number, season: Season, detail: string];

const ROWS: Record<string, Row> = {
  '010101': [9, 'residential', 1.2, 'none', '垃圾裸露堆放，影响环境卫生'],
  '010102': [3, 'road', 1, 'none', '渣土堆积未清运'],
  '010103': [5, 'road', 0.6, 'none', '路面污渍较多，需清扫'],
  '010201': [5, 'residential', 0.8, 'summer', '垃圾桶满溢，周边有异味'],
  '010202': [2, 'residential', 0.5, 'none', '垃圾未按要求分类投放'],
  '010203': [1.5, 'any', 2, 'winter', '有人焚烧垃圾树叶，烟雾较大'],
  '010301': [6, 'residential', 1.2, 'none', '楼道及周边乱堆杂物'],
  '010302': [2, 'road', 0.8, 'summer', '沿街晾晒衣物影响市容'],
  '010303': [1, 'residential', 3, 'none', '居民在小区内饲养家禽'],
  '010401': [2, 'commercial', 0.3, 'none', '餐饮店油烟直排扰民'],
  '010402': [2.5, 'commercial', 0.5, 'summer', '夜间噪声扰民，居民反映强烈'],
  '010403': [1, 'any', 1.5, 'none', '污水直排入雨水管网'],
  '010404': [1.5, 'road', 0.8, 'none', '扬尘较大，未采取抑尘措施'],
  '020101': [2, 'road', 0.6, 'none', '擅自设置户外广告'],
  '020102': [1, 'road', 0.6, 'storm', '广告牌松动破损，存在坠落隐患'],
  '020201': [7, 'residential', 0.6, 'none', '墙面、电线杆张贴小广告'],
  '020202': [3, 'residential', 0.5, 'none', '墙面乱涂乱画'],
  '020301': [2, 'commercial', 0.5, 'storm', '店招破损'],
  '020302': [1.5, 'road', 0.6, 'festival', '违规悬挂横幅'],
  '020303': [1, 'market', 0.5, 'none', '沿街散发宣传单'],
  '030101': [2, 'any', 0.4, 'summer', '工地夜间施工，噪声扰民'],
  '030102': [1.5, 'any', 0.5, 'none', '工地未覆盖裸土，扬尘明显'],
  '030201': [1, 'road', 0.4, 'storm', '施工围挡倒塌破损'],
  '030202': [1, 'road', 0.4, 'none', '工地出入口车辆带泥上路'],
  '030203': [1.5, 'road', 0.4, 'none', '渣土车沿路遗撒'],
  '030301': [2, 'residential', 1.5, 'none', '疑似新增违章建筑'],
  '030302': [3, 'residential', 1.3, 'none', '私搭乱建棚屋'],
  '030303': [0.6, 'residential', 0.5, 'none', '装修擅自拆改承重墙'],
  '040101': [10, 'market', 0.3, 'festival', '占道经营，影响通行'],
  '040102': [8, 'commercial', 0.3, 'festival', '店外摆放经营'],
  '040103': [6, 'market', 0.4, 'festival', '流动摊贩聚集'],
  '040104': [2, 'road', 0.2, 'summer', '露天烧烤，油烟扰民'],
  '040201': [7, 'road', 0.3, 'none', '机动车违规停放，堵塞道路'],
  '040202': [6, 'road', 0.3, 'none', '非机动车乱停乱放'],
  '040203': [1.2, 'residential', 0.3, 'none', '车辆占用消防通道'],
  '040204': [1, 'residential', 0.5, 'none', '长期停放的僵尸车'],
  '040301': [5, 'road', 0.8, 'none', '占道堆放物品'],
  '040302': [1, 'road', 0.5, 'none', '未经许可占道施工'],
  '040401': [0.8, 'road', 0.5, 'festival', '黑车揽客'],
  '040402': [0.6, 'road', 0.5, 'none', '无证占道洗车，污水横流'],
  '050101': [0.8, 'road', 0.8, 'storm', '暴雨后路面积水'],
  '050102': [0.6, 'manhole', 0.3, 'storm', '窨井冒水外溢'],
  '050103': [0.15, 'residential', 1, 'storm', '积水倒灌进入居民家中'],
  '050201': [0.15, 'residential', 0.6, 'winter', '闻到燃气味，疑似泄漏'],
  '050202': [0.15, 'any', 1.2, 'winter', '发现火情'],
  '050203': [0.12, 'road', 0.5, 'storm', '路面塌陷'],
  '050301': [0.4, 'road', 1, 'storm', '树木倒伏阻挡道路'],
  '050302': [0.05, 'any', 6, 'storm', '山体滑坡'],
  '050303': [0.05, 'any', 3, 'storm', '河道水位超过警戒线'],
  '050401': [0.05, 'residential', 1, 'winter', '疑似传染病聚集病例'],
  '050402': [0.3, 'any', 3, 'summer', '发现动物死亡'],
  '050403': [0.03, 'commercial', 1, 'summer', '疑似群体性食物中毒'],
  '060101': [1.2, 'manhole', 0.4, 'none', '井盖缺失，存在安全隐患'],
  '060102': [3, 'manhole', 0.4, 'none', '井盖破损松动'],
  '060103': [0.8, 'hydrant', 0.3, 'winter', '消火栓损坏漏水'],
  '060201': [2.5, 'road', 1, 'storm', '路面坑洼破损'],
  '060202': [2.5, 'road', 0.3, 'none', '人行道板松动翘起'],
  '060203': [1, 'road', 0.5, 'none', '交通护栏损坏'],
  '060301': [4, 'lamp', 0.6, 'winter', '路灯不亮'],
  '060302': [1.5, 'residential', 1.5, 'none', '私拉电线给电动车充电'],
  '060303': [0.3, 'road', 1, 'summer', '变压器异响冒烟'],
  '060401': [0.4, 'road', 0.5, 'winter', '供水管道破裂漏水'],
  '060402': [0.6, 'residential', 0.8, 'summer', '小区停水'],
  '060403': [0.3, 'residential', 1, 'winter', '水管冻裂漏水'],
  '070101': [2, 'any', 1, 'none', '存在治安隐患'],
  '070102': [0.5, 'any', 1, 'none', '发现可疑人员'],
  '070103': [1, 'residential', 0.3, 'none', '疑似群租，人员复杂'],
  '070201': [2.5, 'residential', 1.8, 'none', '邻里因琐事发生纠纷'],
  '070202': [1.2, 'residential', 1.8, 'festival', '家庭矛盾纠纷'],
  '070203': [1.8, 'residential', 0.2, 'none', '业主与物业发生纠纷'],
  '070204': [1, 'commercial', 1, 'festival', '务工人员反映被拖欠工资'],
  '070301': [0.3, 'any', 1, 'none', '有群体性上访苗头'],
  '070302': [0.4, 'any', 1, 'none', '当事人重复信访'],
  '070401': [0.6, 'residential', 1, 'none', '重点人员动态异常'],
  '070402': [0.4, 'residential', 1, 'none', '社区矫正人员情况报告'],
  '080101': [1.2, 'commercial', 0.8, 'winter', '灭火器缺失或过期'],
  '080102': [2, 'residential', 1, 'winter', '电动车在楼道内充电'],
  '080103': [1, 'commercial', 0.5, 'winter', '安全出口被堵塞'],
  '080201': [0.8, 'commercial', 1.5, 'winter', '餐饮店违规使用液化气瓶'],
  '080202': [0.6, 'residential', 0.6, 'winter', '燃气管道老化锈蚀'],
  '080301': [0.8, 'commercial', 1, 'none', '三合一场所住人'],
  '080302': [1.5, 'market', 0.8, 'festival', '售卖过期食品'],
  '080303': [0.5, 'residential', 0.1, 'summer', '电梯故障困人'],
  '090101': [1, 'residential', 2, 'winter', '困难群众申请救助'],
  '090102': [1, 'residential', 2.5, 'winter', '独居老人需要上门关爱'],
  '090201': [0.8, 'any', 3, 'summer', '河道水面漂浮垃圾'],
  '090202': [0.2, 'any', 25, 'harvest', '田间焚烧秸秆'],
  '090203': [0.05, 'any', 25, 'none', '有人砍伐林木'],
  '090301': [0.8, 'road', 0.7, 'none', '校园周边摊贩聚集'],
  '090302': [0.3, 'commercial', 1, 'none', '疑似非法行医'],
};

export const ITEM_PROFILES: ReadonlyMap<string, ItemProfile> = new Map(
  TAXONOMY.items.map((item) => {
    const row = ROWS[item.code];
    if (!row) throw new Error(`no event profile for taxonomy item ${item.code}`);
    const [weight, anchor, village, season, detail] = row;
    return [item.code, { weight, anchor, village, season, detail }];
  }),
);

/** Seasonal multiplier of an item in `month` (1–12); `festive` for days before major festivals. */
export function seasonFactor(season: Season, month: number, festive: boolean): number {
  switch (season) {
    case 'storm':
      return month === 6 || month === 7 ? 5 : month === 5 || month === 8 ? 2.5 : month === 9 ? 1.5 : 0.5;
    case 'summer':
      return month >= 6 && month <= 9 ? 2 : month === 5 || month === 10 ? 1.2 : 0.6;
    case 'winter':
      return month === 12 || month <= 2 ? 3 : month === 11 || month === 3 ? 1.5 : 0.6;
    case 'harvest':
      return month === 6 ? 8 : month === 5 || month === 10 ? 5 : month === 11 ? 2 : 0.2;
    case 'festival':
      return festive ? 2.5 : 1;
    default:
      return 1;
  }
}
