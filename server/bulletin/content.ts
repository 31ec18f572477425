// What the bulletin says, once for both renderers: the sections' tables (columns and rows as text) and
// the sentences. html.ts and pdf.ts only lay these out, so the page and the PDF cannot disagree.
import type { TimedStage, UnitAssessment } from '../domain/assessment';
import { BULLETIN_LEVELS, type Bulletin, type BulletinRanking, meanOnTime, monthZh, percent } from '../domain/bulletin';
import { FACTOR_TEXT, RISK_FACTORS } from '../domain/risk/factors';
import { mainFactor } from '../domain/risk/score';

export interface Column {
  head: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface Table {
  columns: Column[];
  rows: string[][];
  /** A line under the table (what was left out, where the figures come from). */
  note?: string;
}

export const STAGE_ZH: Record<TimedStage, string> = {
  file: '立案',
  dispatch: '派遣',
  handle: '处置',
  verify: '核查',
  evaluate: '评价',
};

const STATUS_ZH: Record<string, string> = {
  reported: '待立案',
  filed: '待派遣',
  dispatched: '待签收',
  handling: '处置中',
  feedback: '待核查',
  verified: '待评价',
  closed: '已办结',
  rejected: '不予立案',
  merged: '已合并',
};
export const statusZh = (s: string) => STATUS_ZH[s] ?? s;

const int = (n: number) => n.toLocaleString('en-US');
const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** The masthead's lines. */
export function masthead(b: Bulletin) {
  const [y, m] = b.month.split('-');
  return {
    issue: `${y}年第${Number(m)}期`,
    publisher: `${b.city}网格化服务管理指挥中心`,
    title: `${monthZh(b.month)}网格化服务管理监督通报`,
    scope: `统计口径：${monthZh(b.month)}（北京时间）上报的全部案件，按其当前办理进度计；考核指标与“考核评价”页面（GET /api/assessment?period=${b.month}）一致。${b.period.complete ? '' : '本月尚未结束，数据截至生成时。'}`,
    built: `生成时间：${b.builtAt.slice(0, 16).replace('T', ' ')} UTC`,
  };
}

/** The headline figures, as (label, value) pairs. */
export function headlineCards(b: Bulletin): [string, string][] {
  const h = b.headline;
  return [
    ['上报案件', int(h.reported)],
    ['立案', int(h.filed)],
    ['结案', int(h.closed)],
    ['结案率', percent(h.closureRate)],
    ['按时办结率', percent(h.onTimeRate)],
    ['满意度', percent(h.satisfaction)],
  ];
}

/** The overview paragraph. */
export function summary(b: Bulletin): string {
  const h = b.headline;
  const top = b.categories[0];
  const stages = (Object.keys(STAGE_ZH) as TimedStage[]).map((s) => `${STAGE_ZH[s]}${percent(h.onTime[s])}`).join('、');
  return (
    `${monthZh(b.month)}，全市共受理上报案件${int(h.reported)}件，立案${int(h.filed)}件，结案${int(h.closed)}件，` +
    `结案率${percent(h.closureRate)}；各环节按时率为${stages}，平均${percent(h.onTimeRate)}；` +
    `${int(h.rated)}件案件参与评价，满意度${percent(h.satisfaction)}。` +
    (top ? `案件最多的大类为“${top.name}”（${int(top.count)}件）。` : '') +
    `超期扣分案件${int(b.deductions.cases)}件，共扣${int(b.deductions.points)}分。`
  );
}

/** The ranked rows a ranking shows: all of a short one; the first and last of a long one. */
export function shownUnits(r: BulletinRanking): { units: UnitAssessment[]; skipped: number } {
  const n = r.units.length;
  const [head, tail] = r.level === 'gridworker' ? [10, 10] : r.level === 'village' ? [10, 5] : [n, 0];
  if (head + tail >= n) return { units: r.units, skipped: 0 };
  return { units: [...r.units.slice(0, head), ...r.units.slice(n - tail)], skipped: n - head - tail };
}

export function rankingTable(r: BulletinRanking): Table {
  const unit = BULLETIN_LEVELS.find((l) => l.level === r.level)!.unit;
  const { units, skipped } = shownUnits(r);
  const rows: string[][] = [];
  units.forEach((u, i) => {
    if (skipped > 0 && i > 0 && u.rank! - units[i - 1]!.rank! > 1) rows.push(['…', `（中间${skipped}名略）`]);
    rows.push([
      String(u.rank),
      u.name,
      u.score === null ? '—' : u.score.toFixed(2),
      int(u.reported),
      int(u.filed),
      percent(u.closureRate),
      percent(meanOnTime(u.onTime)),
      percent(u.satisfaction.satisfied === null ? null : u.satisfaction.satisfied + u.satisfaction.basicallySatisfied!),
      String(u.pointsDeducted),
    ]);
  });
  return {
    columns: [
      { head: '排名', width: 0.07, align: 'center' },
      { head: unit, width: 0.27 },
      { head: '综合得分', width: 0.1, align: 'right' },
      { head: '上报', width: 0.09, align: 'right' },
      { head: '立案', width: 0.09, align: 'right' },
      { head: '结案率', width: 0.1, align: 'right' },
      { head: '按时率', width: 0.1, align: 'right' },
      { head: '满意率', width: 0.1, align: 'right' },
      { head: '扣分', width: 0.08, align: 'right' },
    ],
    rows,
    note: r.unranked > 0 ? `另有${r.unranked}个单位本月无案件，不参与排名。` : undefined,
  };
}

/** The last three of each level this month (末位). */
export function lastPlacesTable(b: Bulletin): Table {
  return {
    columns: [
      { head: '考核对象', width: 0.2 },
      { head: '倒数第一', width: 0.28 },
      { head: '倒数第二', width: 0.26 },
      { head: '倒数第三', width: 0.26 },
    ],
    rows: b.rankings.map((r) => {
      const last = r.units.slice(-3).reverse();
      return [
        BULLETIN_LEVELS.find((l) => l.level === r.level)!.zh,
        ...[0, 1, 2].map((i) => (last[i] ? `${last[i]!.name}（${last[i]!.score?.toFixed(1)}）` : '—')),
      ];
    }),
  };
}

/** The year-long warnings. */
export function warningsTable(b: Bulletin): Table {
  const w = b.warnings;
  return {
    columns: [
      { head: '考核对象', width: 0.2 },
      { head: '单位', width: 0.3 },
      { head: '末位次数', width: 0.12, align: 'right' },
      { head: '末位月份', width: 0.38 },
    ],
    rows: w.units.map((u) => [
      BULLETIN_LEVELS.find((l) => l.level === u.level)!.zh,
      u.name,
      String(u.months.length),
      u.months.map((m) => (m.slice(0, 4) === b.month.slice(0, 4) ? `${Number(m.slice(5))}月` : monthZh(m))).join('、'),
    ]),
    note: `预警规则：近${w.window}个月（${monthZh(w.months[0]!)}至${monthZh(w.months.at(-1)!)}）中排名末位不少于${w.threshold}次的单位予以预警；年度末位约谈、连续两年末位取消评优按年度考核执行。`,
  };
}

export function deductionsTable(b: Bulletin): Table {
  const d = b.deductions;
  return {
    columns: [
      { head: '案件编号', width: 0.17 },
      { head: '事项', width: 0.2 },
      { head: '网格', width: 0.17 },
      { head: '责任部门', width: 0.17 },
      { head: '超时环节', width: 0.12 },
      { head: '扣分', width: 0.06, align: 'right' },
      { head: '状态', width: 0.11 },
    ],
    rows: d.listed.map((c) => [
      c.code,
      c.item,
      c.grid,
      c.department,
      c.stages.map((s) => STAGE_ZH[s as TimedStage] ?? s).join('、'),
      String(c.points),
      statusZh(c.status),
    ]),
    note:
      d.cases > d.listed.length
        ? `共${int(d.cases)}件，此处列出扣分最多的${d.listed.length}件。`
        : d.cases === 0
          ? '本月上报案件无超期扣分。'
          : undefined,
  };
}

export function hotSpotsTable(b: Bulletin): Table {
  return {
    columns: [
      { head: '序号', width: 0.08, align: 'center' },
      { head: '网格', width: 0.3 },
      { head: '风险评分', width: 0.14, align: 'right' },
      { head: '主要因素', width: 0.48 },
    ],
    rows: b.risk.hotSpots.map((h, i) => {
      const main = mainFactor(h.factors);
      const second = RISK_FACTORS.filter((f) => f !== main && h.factors[f] > 0).sort(
        (x, y) => h.factors[y] - h.factors[x],
      )[0];
      const name = (f: (typeof RISK_FACTORS)[number]) => FACTOR_TEXT[f].zh.split('：')[0];
      return [
        String(i + 1),
        h.name,
        h.score.toFixed(1),
        `${name(main)} ${h.factors[main].toFixed(1)}${second ? `；${name(second)} ${h.factors[second].toFixed(1)}` : ''}`,
      ];
    }),
    note: `风险评分为${day(b.risk.at)}日终（${b.risk.at.slice(0, 16).replace('T', ' ')} UTC）各网格的评分（0–100，各因素贡献之和，见“风险研判”），与 GET /api/risk?level=grid&at=${b.risk.at.slice(0, 10)} 一致。`,
  };
}

/** The leader-day section: its lines and its table, or the one line when none was held. */
export function leaderDaySection(b: Bulletin): { lines: string[]; table: Table | null } {
  const l = b.leaderDay;
  if (!l || l.cases.length === 0) return { lines: ['本月无领导调度日记录。'], table: null };
  const held = [l.date ? `${l.date}` : null, l.leader ? `由${l.leader}主持` : null].filter(Boolean).join('，');
  return {
    lines: [
      `${held ? `${held}，` : ''}本月领导调度日共调度案件${l.counts.cases}件：已办结${l.counts.closed}件，办理中${l.counts.open}件，其中超期${l.counts.overdue}件。`,
    ],
    table: {
      columns: [
        { head: '案件', width: 0.16 },
        { head: '事项', width: 0.3 },
        { head: '牵头单位', width: 0.2 },
        { head: '办理时限', width: 0.13 },
        { head: '进展', width: 0.21 },
      ],
      rows: l.cases.map((c) => [
        c.code ?? c.eventId,
        c.title,
        c.leadDepartment,
        c.deadline ? day(c.deadline) : '—',
        `${c.status}${c.overdue ? '（超期）' : ''}`,
      ]),
    },
  };
}

/** The sections' headings, in order. */
export const SECTIONS = {
  overview: '一、总体情况',
  rankings: '二、考核排名',
  lastPlaces: '三、末位通报与预警',
  deductions: '四、超期扣分案件',
  risk: '五、风险热点',
  leaderDay: '六、领导调度日',
} as const;
