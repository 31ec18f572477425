// A case's description as a person would write it: when (the report's own time, in China time), who
// noticed, where (the spot's own road, compound, village group or component, and its community or
// village), what (in the taxonomy's terms: caseWords.ts), and what else and what is asked. Thousands of
// distinct texts from a few hundred phrases; the words come from their own random stream, so the
// history's calendar, places and workflow do not depend on them.
import type { EventOrigin } from '../../server/domain/model';
import { CATEGORY_ASKS, CATEGORY_NOTES, ITEM_PHRASES } from './caseWords';
import type { Rng } from './random';

export interface CaseTextInput {
  itemCode: string;
  source: EventOrigin;
  /** The spot as events.ts labels it: '龙眠花园3栋附近：', '编号…的窨井盖：'. */
  label: string;
  /** The community (社区) or village (村) the grid belongs to. */
  unitName: string;
  gridName: string;
  /** Report time, epoch ms. */
  reportedMs: number;
}

const CST_MS = 8 * 3_600_000;
const PARTS: [number, string][] = [
  [5, '凌晨'],
  [8, '早上'],
  [11, '上午'],
  [13, '中午'],
  [17, '下午'],
  [19, '傍晚'],
  [24, '晚上'],
];

const WHO: Record<EventOrigin, readonly string[]> = {
  patrol: ['网格员巡查发现', '网格员日常巡查时发现', '巡查中发现'],
  resident: ['居民反映', '有居民通过随手拍反映', '附近住户反映'],
  camera: ['视频监控发现', '智能视频识别到'],
  sensor: ['感知设备告警：', '监测设备报警，'],
  hotline: ['市民来电反映', '12345热线转来诉求：', '有群众致电反映'],
  department: ['部门巡查发现', '职能部门检查发现'],
  leader: ['市领导交办：', '领导调研时指出'],
};

function timeOf(rng: Rng, ms: number): string {
  const t = new Date(ms + CST_MS);
  const h = t.getUTCHours();
  const part = PARTS.find(([end]) => h < end)![1];
  const day = `${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
  const h12 = h > 12 ? h - 12 : h;
  switch (rng.int(0, 4)) {
    case 0:
      return `${day}${part}`;
    case 1:
      return `${part}${h12}时许`;
    case 2:
      return `${day}${h}时${String(t.getUTCMinutes()).padStart(2, '0')}分`;
    case 3:
      return `今天${part}`;
    default:
      return `${day}${part}${h12}点左右`;
  }
}

/** The place, in one of the ways its kind is named. */
function placeOf(rng: Rng, label: string, unit: string, grid: string): string {
  const spot = label.replace(/(附近)?：$/, '');
  const component = /^编号(.+)的(.+)$/.exec(spot);
  if (component) {
    const [, code, what] = component;
    return rng.pick([
      `${unit}一处${what}（编号${code}）`,
      `${unit}编号${code}的${what}处`,
      `${grid}${what}（${code}）`,
    ]);
  }
  const shop = /^(.+?(?:路|街|大道|巷))(\d+)号$/.exec(spot);
  if (shop) {
    const [, road, no] = shop;
    return rng.pick([
      `${unit}${road}${no}号门前`,
      `${unit}${road}${no}号附近`,
      `${road}${no}号一带（${unit}）`,
      `${road}${no}号旁`,
    ]);
  }
  const block = /^(.+?)(\d+)栋$/.exec(spot);
  if (block) {
    const [, compound, no] = block;
    return rng.pick([
      `${unit}${compound}小区${no}栋楼下`,
      `${unit}${compound}${no}栋单元门口`,
      `${compound}小区内${no}栋旁`,
      `${unit}${spot}附近`,
    ]);
  }
  const house = /^(.+?村)(\d+)组(\d+)号$/.exec(spot);
  if (house) {
    const [, village, group, no] = house;
    return rng.pick([`${village}${group}组${no}号附近`, `${village}${group}组村民家门前`, `${village}${group}组路边`]);
  }
  return rng.pick([`${unit}${spot}附近`, `${spot}（${unit}）`, `${grid}${spot}一带`]);
}

export function caseDescription(rng: Rng, o: CaseTextInput): string {
  const phrases = ITEM_PHRASES[o.itemCode];
  if (!phrases) throw new Error(`no case phrases for taxonomy item ${o.itemCode}`);
  const category = o.itemCode.slice(0, 2);
  const { notes, n } = CATEGORY_NOTES[category]!;
  const parts = [
    `${timeOf(rng, o.reportedMs)}，${rng.pick(WHO[o.source])}${placeOf(rng, o.label, o.unitName, o.gridName)}${rng.pick(phrases)}`,
  ];
  if (rng.chance(0.7)) parts.push(rng.pick(notes).replace('{n}', String(rng.int(n[0], n[1]))));
  if (rng.chance(0.6)) parts.push(rng.pick(CATEGORY_ASKS[category]!));
  return `${parts.join('，')}。`;
}
