// Resident sentiment (社情民意, the 情 of the six elements): short remarks gathered by grid workers,
// the 周三会客厅 reception and the app, tagged with a topic and a polarity, over the last three years.

import { scaled } from '../../server/domain/facts';
import type { AdminUnit, SentimentItem } from '../../server/domain/model';
import { type GridPlaces, pickCumulative } from './eventPlaces';
import type { Rng } from './random';

/** Sentiment items at scale 1. */
export const SENTIMENTS_AT_SCALE_1 = 4_000;
const DAY_MS = 86_400_000;
const SPAN_DAYS = 3 * 365;

// topic → [negative, neutral, positive] remarks
const REMARKS: Record<string, [string[], string[], string[]]> = {
  物业: [
    ['物业服务跟不上，楼道灯坏了很久没人修', '物业费年年收，小区绿化却没人管', '小区门禁坏了，外来人员随意进出'],
    ['希望物业公开一下公共收益的账目', '建议物业增加夜间巡逻'],
    ['新物业进驻后小区干净多了', '物业上门帮独居老人修好了水管，很贴心'],
  ],
  停车: [
    ['小区车位太少，晚上车都停到消防通道上', '路边停车位被长期占用，进出很不方便'],
    ['建议在学校附近增设临时停车点', '希望规划一些电动车充电车棚'],
    ['新建的停车场缓解了停车难', '划了停车线以后秩序好多了'],
  ],
  噪音: [
    ['楼下烧烤店每晚吵到半夜', '广场舞音响声音太大，影响休息', '工地夜里还在施工，睡不着'],
    ['希望规定一下广场舞的时间和音量'],
    ['反映的噪音问题第二天就有人来处理了'],
  ],
  教育: [
    ['孩子上学接送路上太堵', '学校周边小摊贩多，担心食品卫生'],
    ['希望社区多办一些假期托管班', '关心今年学区划分有没有变化'],
    ['社区的四点半课堂办得好，家长放心', '新学校开学了，孩子上学近多了'],
  ],
  医疗: [
    ['社区卫生服务站看病排队时间长', '老人配药要跑很远'],
    ['希望家庭医生多上门几次', '想了解医保报销的新政策'],
    ['家庭医生签约以后看病方便了', '义诊活动很受老人欢迎'],
  ],
  环境: [
    ['河边有人乱倒垃圾，气味难闻', '垃圾清运不及时，夏天有异味', '秸秆焚烧的烟太呛人'],
    ['建议多设几个垃圾分类投放点'],
    ['河道整治后环境变美了', '老旧小区改造以后干净整洁了', '口袋公园建得好，晚上散步很舒服'],
  ],
  治安: [
    ['小区最近发生了几起电动车被盗', '晚上路灯不亮，走路不安全'],
    ['希望增加监控探头', '建议加强对出租屋的管理'],
    ['网格员天天巡查，住着安心', '警务室设到小区门口，感觉很安全'],
  ],
  养老: [
    ['独居老人没人照看，子女都在外地', '小区没有电梯，老人上下楼困难'],
    ['希望开办老年食堂', '想了解高龄津贴怎么申领'],
    ['幸福敲敲门活动让老人很感动', '老年助餐点饭菜便宜又实惠'],
  ],
  民生: [
    ['办事要跑好几个部门', '菜市场价格涨得厉害'],
    ['希望周三会客厅能多听听大家的意见', '建议公开信用积分的计算规则'],
    ['寻诉办反映的问题很快就解决了', '信用积分可以兑换生活用品，大家积极性很高'],
  ],
};
const TOPICS = Object.keys(REMARKS);
const TOPIC_WEIGHTS = {
  urban: [3, 3, 2, 1.5, 1.2, 2, 1.5, 1.5, 1.5],
  village: [0.3, 0.5, 0.8, 1.5, 1.5, 2.5, 1, 2.5, 1.5],
};

export function generateSentiments(
  rng: Rng,
  scale: number,
  grids: AdminUnit[],
  places: Map<string, GridPlaces>,
  nowMs: number,
): SentimentItem[] {
  const total = scaled(SENTIMENTS_AT_SCALE_1, scale);
  const weights = new Float64Array(grids.length);
  let sum = 0;
  grids.forEach((g, i) => {
    sum += places.get(g.id)?.weight ?? 1;
    weights[i] = sum;
  });
  const items: { at: number; item: Omit<SentimentItem, 'id'> }[] = [];
  for (let i = 0; i < total; i++) {
    const grid = grids[pickCumulative(weights, rng.next())]!;
    const topic = TOPICS[rng.weighted(grid.area === 'village' ? TOPIC_WEIGHTS.village : TOPIC_WEIGHTS.urban)]!;
    const p = rng.weighted([0.45, 0.3, 0.25]);
    const remarks = REMARKS[topic]![p]!;
    // More of it recent: the platform's channels grew.
    const ageDays = SPAN_DAYS * rng.next() ** 1.6;
    const at = Math.round((nowMs - ageDays * DAY_MS - rng.int(1, 3600) * 1000) / 1000) * 1000;
    items.push({
      at,
      item: {
        gridId: grid.id,
        topic,
        polarity: (p - 1) as -1 | 0 | 1,
        at: new Date(at).toISOString(),
        text: rng.pick(remarks),
      },
    });
  }
  items.sort((a, b) => a.at - b.at);
  return items.map(({ item }, i) => ({ id: `S${String(i + 1).padStart(6, '0')}`, ...item }));
}
