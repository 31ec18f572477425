import { describe, expect, it } from 'vitest';
import { htmlProblems } from '../../../tests/helpers/htmlValid';
import type { LeaderDay } from '../../api/leaderDaysApi';
import { minutesHtml } from './minutes';

const day = {
  month: '2026-11',
  day: { leaderName: '市长' },
  agenda: [
    {
      eventId: 'E1',
      rules: ['multiDepartment', 'overdue'],
      note: null,
      case: { code: 'TC1', itemCode: '999999' },
      decision: {
        text: '请牵头办理 <尽快>',
        leadDepartment: 'D02',
        leadDeadlineAt: '2026-12-10T15:59:59.000Z',
        coHandlers: [{ departmentId: 'D03', deadlineAt: '2026-12-08T15:59:59.000Z' }],
        decidedByName: '市长',
        decidedAt: '2026-11-30T02:00:00.000Z',
      },
    },
    { eventId: 'E2', rules: [], note: '群众反映强烈', case: null, decision: null },
  ],
} as unknown as LeaderDay;

describe('the minutes', () => {
  it('record each case, why it was taken up, the instruction, to whom, by when, by whom and when', () => {
    const html = minutesHtml(day, 'zh');
    expect(html).toContain('2026-11 市级领导调度日会议纪要');
    expect(html).toContain('主持：市长');
    expect(html).toContain('多部门协同、超时未办结');
    expect(html).toContain('请牵头办理 &lt;尽快&gt;');
    expect(html).toContain('牵头：市城市管理局，时限 2026-12-10 23:59');
    expect(html).toContain('配合：市市场监督管理局，时限 2026-12-08 23:59');
    expect(html).toContain('市长 · 2026-11-30 10:00');
    expect(html).toContain('指挥中心提请；群众反映强烈');
    expect(html).toContain('未批示');
  });
  it('in English too', () => {
    expect(minutesHtml(day, 'en')).toContain('Lead: Urban Management Bureau, by 2026-12-10 23:59');
  });
  it('are a valid HTML document in both languages (html-validate)', async () => {
    expect(await htmlProblems(minutesHtml(day, 'zh'))).toEqual([]);
    expect(await htmlProblems(minutesHtml(day, 'en'))).toEqual([]);
    // the validator does read them: a section left open is found
    expect(await htmlProblems(minutesHtml(day, 'zh').replace('</section>', ''))).not.toEqual([]);
  });
});
