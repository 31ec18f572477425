// Resident sentiment (社情民意, the 情 of the six elements): short remarks gathered by grid workers,
// the 周三会客厅 reception and the app, tagged with a topic and a polarity, over the last three years.

import { scaled } from '../../server/domain/facts';
import type { AdminUnit, SentimentItem } from '../../server/domain/model';
import { type GridPlaces, pickCumulative } from './eventPlaces';
import type { Anchor } from './eventProfiles';
import type { Rng } from './random';

/** Sentiment items at scale 1. */
export const SENTIMENTS_AT_SCALE_1 = 4_000;
const DAY_MS = 86_400_000;
const SPAN_DAYS = 3 * 365;

// topic → [negative, neutral, positive] remarks. {place}: a road, compound, market or village group of
// the grid; {unit}: its community or village; {n}: a small number. sentimentText() adds who said it
// and how it ends, so the same remark reads differently from grid to grid and day to day.
const REMARKS: Record<string, [string[], string[], string[]]> = {
  物业: [
    [
      '{place}楼道灯坏了{n}个星期没人修',
      '物业费年年收，{place}的绿化却没人管',
      '{place}门禁坏了，外来人员随意进出',
      '{place}电梯三天两头停，物业说在等配件',
    ],
    ['希望{place}物业公开一下公共收益的账目', '建议{place}物业增加夜间巡逻', '{place}要换物业了，想知道怎么投票'],
    ['新物业进驻后{place}干净多了', '物业上门帮{place}的独居老人修好了水管，很贴心', '{place}物业把楼道杂物都清走了'],
  ],
  停车: [
    [
      '{place}车位太少，晚上车都停到消防通道上',
      '{place}路边停车位被长期占用，进出很不方便',
      '{place}僵尸车停了{n}个月没人管',
    ],
    ['建议在{place}附近增设临时停车点', '希望{place}规划一些电动车充电车棚', '{place}能不能施划一些夜间停车位'],
    ['{place}新建的停车场缓解了停车难', '{place}划了停车线以后秩序好多了', '{place}的充电车棚建好了，不用再飞线充电'],
  ],
  噪音: [
    [
      '{place}烧烤店每晚吵到半夜',
      '{place}广场舞音响声音太大，影响休息',
      '{place}工地夜里还在施工，睡不着',
      '{place}早上五点就有货车装卸，太吵了',
    ],
    ['希望规定一下{place}广场舞的时间和音量', '{place}的噪音能不能测一测'],
    ['反映的{place}噪音问题第二天就有人来处理了', '{place}工地不再夜间施工了，谢谢网格员'],
  ],
  教育: [
    ['孩子上学接送路上太堵，{place}尤其严重', '{place}学校周边小摊贩多，担心食品卫生', '{unit}的孩子上学要走{n}里路'],
    ['希望{unit}多办一些假期托管班', '关心今年学区划分有没有变化', '想问问{unit}附近的幼儿园还招不招生'],
    ['{unit}的四点半课堂办得好，家长放心', '新学校开学了，{unit}孩子上学近多了', '{place}学校门口有了护学岗，安全多了'],
  ],
  医疗: [
    ['{unit}卫生服务站看病排队时间长', '{unit}老人配药要跑很远', '{unit}卫生室的医生{n}天才来一次'],
    ['希望家庭医生多到{unit}上门几次', '想了解医保报销的新政策', '{unit}能不能开个慢病配药点'],
    ['家庭医生签约以后看病方便了', '{unit}的义诊活动很受老人欢迎', '{unit}卫生室添了新设备，检查不用进城了'],
  ],
  环境: [
    [
      '{place}河边有人乱倒垃圾，气味难闻',
      '{place}垃圾清运不及时，夏天有异味',
      '{place}秸秆焚烧的烟太呛人',
      '{place}的沟渠{n}年没清淤了',
    ],
    ['建议在{place}多设几个垃圾分类投放点', '{place}的绿化带能不能补种一些'],
    [
      '{unit}河道整治后环境变美了',
      '{place}老旧小区改造以后干净整洁了',
      '{place}的口袋公园建得好，晚上散步很舒服',
      '{unit}的垃圾分类做得越来越好了',
    ],
  ],
  治安: [
    ['{place}最近发生了{n}起电动车被盗', '晚上{place}路灯不亮，走路不安全', '{place}有陌生人挨家挨户推销'],
    ['希望在{place}增加监控探头', '建议加强对{place}出租屋的管理', '{place}的防盗门能不能统一换一下'],
    ['网格员天天到{place}巡查，住着安心', '警务室设到{place}门口，感觉很安全', '{place}装了监控以后再没丢过车'],
  ],
  养老: [
    ['{unit}的独居老人没人照看，子女都在外地', '{place}没有电梯，老人上下楼困难', '{unit}老年活动室{n}个月没开门了'],
    ['希望{unit}开办老年食堂', '想了解高龄津贴怎么申领', '{unit}能不能多组织一些老年人体检'],
    ['幸福敲敲门活动让{unit}的老人很感动', '{unit}老年助餐点饭菜便宜又实惠', '网格员每周都来看望{place}的独居老人'],
  ],
  民生: [
    ['办事要跑好几个部门', '{place}菜市场价格涨得厉害', '{place}的公交要等{n}0分钟才来一班'],
    ['希望周三会客厅能多听听{unit}大家的意见', '建议公开信用积分的计算规则', '{unit}能不能多办几场招聘会'],
    [
      '寻诉办反映的问题很快就解决了',
      '{unit}的信用积分可以兑换生活用品，大家积极性很高',
      '在{unit}就能办社保，不用跑城里了',
    ],
  ],
};
/** Where in the grid a topic's {place} is found. */
const TOPIC_PLACES: Record<string, Anchor> = {
  物业: 'residential',
  停车: 'road',
  噪音: 'commercial',
  教育: 'road',
  环境: 'any',
  治安: 'residential',
  养老: 'residential',
  民生: 'market',
};
/** How a remark reached the platform. */
const OPENERS = [
  '',
  '',
  '周三会客厅上有居民说：',
  '网格员走访时听到：',
  'e家App留言：',
  '居民群里有人说：',
  '{unit}居民反映：',
  '寻诉办收到：',
];
/** How it ends, by polarity (negative, neutral, positive). */
const ENDINGS: [string[], string[], string[]] = [
  ['。', '，希望尽快解决。', '，反映好几次了。', '，大家意见很大。', '！'],
  ['。', '，请有关部门考虑。', '，不知道能不能办。', '？'],
  ['。', '，点赞！', '，为网格员点赞。', '，大家都说好。', '！'],
];

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
  units: readonly AdminUnit[] = grids,
): SentimentItem[] {
  const total = scaled(SENTIMENTS_AT_SCALE_1, scale);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
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
    const text = sentimentText(rng, topic, p, places.get(grid.id), unitNames.get(grid.parentId ?? '') ?? grid.name);
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
        text,
      },
    });
  }
  items.sort((a, b) => a.at - b.at);
  return items.map(({ item }, i) => ({ id: `S${String(i + 1).padStart(6, '0')}`, ...item }));
}

/** A name for somewhere in the grid a resident would say: the compound, the road, the market, the village group. */
function placeName(rng: Rng, places: GridPlaces | undefined, unit: string, anchor: Anchor): string {
  if (!places) return unit;
  const { spots, cumulative } = places.byAnchor.get(anchor) ?? places.all;
  const spot = spots[pickCumulative(cumulative, rng.next())]!;
  if (spot.isComponent) return unit;
  const label = spot.label;
  return (
    /^(.+?)\d+栋$/.exec(label)?.[1]?.replace(/(小区)?$/, '小区') ??
    /^(.+?(?:路|街|大道|巷))\d+号$/.exec(label)?.[1] ??
    /^(.+?村\d+组)\d+号$/.exec(label)?.[1] ??
    label
  );
}

function sentimentText(
  rng: Rng,
  topic: string,
  polarity: number,
  places: GridPlaces | undefined,
  unit: string,
): string {
  const remark = rng
    .pick(REMARKS[topic]![polarity]!)
    .replace('{place}', placeName(rng, places, unit, TOPIC_PLACES[topic] ?? 'any'))
    .replace('{unit}', unit)
    .replace('{n}', String(rng.int(2, 9)));
  return rng.pick(OPENERS).replace('{unit}', unit) + remark + rng.pick(ENDINGS[polarity]!);
}
