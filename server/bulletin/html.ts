// The bulletin as one self-contained HTML page (inline CSS and SVG, no script): readable on screen,
// printable as A4 from a browser. Its text and tables are content.ts's, the same as the PDF's.
import { BULLETIN_LEVELS, BULLETIN_TITLE, type Bulletin } from '../domain/bulletin';
import { categoryChart, dailyChart } from './charts';
import {
  deductionsTable,
  headlineCards,
  hotSpotsTable,
  lastPlacesTable,
  leaderDaySection,
  masthead,
  rankingTable,
  SECTIONS,
  summary,
  type Table,
  warningsTable,
} from './content';
import { riskMap } from './map';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(t: Table): string {
  const cells = (row: string[], tag: 'td' | 'th') =>
    row
      .map((v, i) => {
        const align = t.columns[i]?.align ?? 'left';
        return `<${tag} style="text-align:${align}">${escapeHtml(v)}</${tag}>`;
      })
      .join('');
  const colgroup = t.columns.map((c) => `<col style="width:${(c.width * 100).toFixed(1)}%">`).join('');
  return `<table><colgroup>${colgroup}</colgroup><thead><tr>${cells(
    t.columns.map((c) => c.head),
    'th',
  )}</tr></thead><tbody>${t.rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table>${
    t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''
  }`;
}

const CSS = `
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;max-width:800px;margin:24px auto;padding:0 16px;font-size:14px;line-height:1.6}
header{border-bottom:3px solid #b91c1c;padding-bottom:8px;margin-bottom:16px}
header .title{font-size:40px;font-weight:700;color:#b91c1c;letter-spacing:4px;margin:0}
header .meta{display:flex;justify-content:space-between;color:#4b5563;font-size:13px}
h1{font-size:20px;margin:4px 0}
h2{font-size:17px;border-left:4px solid #b91c1c;padding-left:8px;margin-top:28px}
h3{font-size:15px;margin:16px 0 6px}
.cards{display:grid;grid-template-columns:repeat(6,1fr);gap:8px;margin:12px 0}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:8px;text-align:center;background:#f9fafb}
.card b{display:block;font-size:20px;color:#1e3a8a}
.card span{font-size:12px;color:#6b7280}
table{width:100%;border-collapse:collapse;font-size:12.5px;table-layout:fixed}
th{background:#1e3a8a;color:#fff;font-weight:600;padding:4px 6px}
td{padding:3px 6px;border-bottom:1px solid #e5e7eb;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
tbody tr:nth-child(even){background:#f3f4f6}
.note,.scope{color:#6b7280;font-size:12px;margin:4px 0}
svg{max-width:100%;height:auto;display:block;margin:8px auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
`;

export function bulletinHtml(b: Bulletin): string {
  const m = masthead(b);
  const leader = leaderDaySection(b);
  const body = [
    `<header><p class="title">${escapeHtml(BULLETIN_TITLE)}</p><div class="meta"><span>${escapeHtml(m.publisher)}</span><span>${escapeHtml(m.issue)}</span></div></header>`,
    `<h1>${escapeHtml(m.title)}</h1>`,
    `<p class="scope">${escapeHtml(m.scope)}</p>`,
    `<h2>${SECTIONS.overview}</h2>`,
    `<div class="cards">${headlineCards(b)
      .map(([k, v]) => `<div class="card"><b>${escapeHtml(v)}</b><span>${escapeHtml(k)}</span></div>`)
      .join('')}</div>`,
    `<p>${escapeHtml(summary(b))}</p>`,
    '<h3>每日上报与结案</h3>',
    dailyChart(b),
    '<h3>案件大类分布</h3>',
    categoryChart(b),
    `<h2>${SECTIONS.rankings}</h2>`,
    ...b.rankings.map(
      (r) => `<h3>${escapeHtml(BULLETIN_LEVELS.find((l) => l.level === r.level)!.zh)}</h3>${table(rankingTable(r))}`,
    ),
    '<p class="note">综合得分按考核评价办法计算（立案率、派遣准确率、按时率、一次办结率、结案率、满意度、办理时效加权，扣分另减），按时率为各环节按时率的平均，满意率为满意与基本满意之和。</p>',
    `<h2>${SECTIONS.lastPlaces}</h2>`,
    '<h3>本月末位</h3>',
    table(lastPlacesTable(b)),
    '<h3>年度末位预警</h3>',
    b.warnings.units.length ? table(warningsTable(b)) : `<p>${escapeHtml(warningsTable(b).note!)}本月无预警单位。</p>`,
    `<h2>${SECTIONS.deductions}</h2>`,
    `<p>本月上报案件中超期扣分${b.deductions.cases}件，共扣${b.deductions.points}分。</p>`,
    b.deductions.listed.length ? table(deductionsTable(b)) : '',
    `<h2>${SECTIONS.risk}</h2>`,
    riskMap(b),
    table(hotSpotsTable(b)),
    `<h2>${SECTIONS.leaderDay}</h2>`,
    ...leader.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    leader.table ? table(leader.table) : '',
    `<p class="note">${escapeHtml(m.built)}</p>`,
  ];
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(
    `${BULLETIN_TITLE} ${m.title}`,
  )}</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>`;
}
