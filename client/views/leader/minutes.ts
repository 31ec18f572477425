// The session's minutes (会议纪要) as a document to keep: the month, who presided, and for each agenda
// case why it was taken up and what was instructed, to whom, by when, by whom and when. Built from the
// month's view as the page holds it, in the reader's language; pure, so a test reads it.
import { RULE_NAMES } from '@domain/leaderDay/rules';
import type { LeaderDay } from '../../api/leaderDaysApi';
import { departmentName } from '../../ui/caseFormat';
import { caseTitle } from './caseTitle';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A moment as a CST date and time (YYYY-MM-DD HH:mm). */
const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function minutesHtml(day: LeaderDay, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const colon = zh ? '：' : ': ';
  const comma = zh ? '，' : ', ';
  const semi = zh ? '；' : '; ';
  const dept = (id: string) => departmentName(id, lang);
  const title = zh ? `${day.month} 市级领导调度日会议纪要` : `Minutes of the city leader scheduling day, ${day.month}`;
  const presided = day.day?.leaderName ?? '—';
  const items = day.agenda.map((a, i) => {
    const why =
      a.rules.map((r) => RULE_NAMES[r][lang]).join(zh ? '、' : ', ') || (zh ? '指挥中心提请' : 'Added by the centre');
    const d = a.decision;
    const decided = d
      ? `<p><b>${zh ? '批示' : 'Instruction'}</b>${colon}${escapeHtml(d.text)}</p>
<p>${zh ? '牵头' : 'Lead'}${colon}${escapeHtml(dept(d.leadDepartment))}${comma}${zh ? '时限' : 'by'} ${cst(d.leadDeadlineAt)}</p>
${d.coHandlers.map((c) => `<p>${zh ? '配合' : 'Co-handling'}${colon}${escapeHtml(dept(c.departmentId))}${comma}${zh ? '时限' : 'by'} ${cst(c.deadlineAt)}</p>`).join('\n')}
<p class="who">${escapeHtml(d.decidedByName ?? '—')} · ${cst(d.decidedAt)}</p>`
      : `<p>${zh ? '未批示' : 'Not instructed'}</p>`;
    return `<section><h2>${i + 1}. ${escapeHtml(caseTitle(a.case, lang) || a.eventId)}</h2>
<p>${zh ? '提请理由' : 'Why'}${colon}${escapeHtml(why)}${a.note ? `${semi}${escapeHtml(a.note)}` : ''}</p>
${decided}</section>`;
  });
  return `<!DOCTYPE html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:48rem;margin:2rem auto;line-height:1.6}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}.who{color:#555}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>${zh ? '主持' : 'Presided by'}${colon}${escapeHtml(presided)}　${zh ? '议题' : 'Cases'}${colon}${day.agenda.length}　${zh ? '已批示' : 'Instructed'}${colon}${day.agenda.filter((a) => a.decision).length}</p>
${items.join('\n')}
</body></html>
`;
}
