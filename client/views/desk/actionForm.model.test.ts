import { getItem } from '@domain/taxonomy';
import { describe, expect, it } from 'vitest';
import { type ActionDraft, bulkDispatchPlan, draftFor, requestOf } from './actionForm.model';

const ctx = { itemCode: '010101', userId: 'S-seat01' };
const draft = (over: Partial<ActionDraft>, action: Parameters<typeof draftFor>[0] = 'file'): ActionDraft => ({
  ...draftFor(action, ctx),
  ...over,
});

describe('draftFor', () => {
  it('starts a dispatch at the item’s department and a shelving under the user', () => {
    expect(draftFor('dispatch', ctx).lead).toBe(getItem('010101').departmentId);
    expect(draftFor('shelve', ctx).supervisor).toBe('S-seat01');
    expect(draftFor('evaluate', ctx).ratedBy).toBe('resident');
    expect(draftFor('file', ctx)).toMatchObject({ lead: '', supervisor: '', ratedBy: '', task: '' });
    expect(draftFor('approveExtension', { ...ctx, pending: [2, 3] }).task).toBe('2');
    expect(draftFor('refuseExtension', ctx).task).toBe('');
  });
});

describe('requestOf', () => {
  it.each([
    ['file', {}, { action: 'file' }],
    ['file', { note: '  信息属实 ' }, { action: 'file', note: '信息属实' }],
    ['accept', {}, { action: 'accept' }],
    ['reject', { reason: ' 重复上报 ' }, { action: 'reject', reason: '重复上报' }],
    ['merge', { into: 'E0000012' }, { action: 'merge', into: 'E0000012' }],
    ['return', { reason: '不属本部门' }, { action: 'return', reason: '不属本部门' }],
    ['dispatch', { lead: 'D02' }, { action: 'dispatch', lead: { assignee: 'D02' } }],
    [
      'dispatch',
      { lead: 'D02', co: ['D04', 'D02', '340881001001'], hours: '24' },
      {
        action: 'dispatch',
        lead: { assignee: 'D02', hours: 24 },
        co: [
          { assignee: 'D04', hours: 24 },
          { assignee: '340881001001', hours: 24 },
        ],
      },
    ],
    [
      'requestExtension',
      { hours: '48', reason: '需协调' },
      { action: 'requestExtension', hours: 48, reason: '需协调' },
    ],
    ['verify', { passed: 'yes' }, { action: 'verify', passed: true }],
    ['approveExtension', { task: '3' }, { action: 'approveExtension', task: 3 }],
    ['refuseExtension', {}, { action: 'refuseExtension' }],
    ['verify', { passed: 'no', note: '仍有垃圾' }, { action: 'verify', passed: false, note: '仍有垃圾' }],
    [
      'evaluate',
      { satisfaction: 'basically-satisfied', ratedBy: 'reporter' },
      { action: 'evaluate', satisfaction: 'basically-satisfied', ratedBy: 'reporter' },
    ],
    [
      'shelve',
      { reason: '需立项', supervisor: 'S-seat01' },
      { action: 'shelve', reason: '需立项', supervisor: 'S-seat01' },
    ],
  ] as const)('%s %j', (action, over, body) => {
    const result = requestOf(action, draft(over));
    expect(result).toEqual({ ok: true, body: expect.objectContaining(body) });
    // absent fields stay absent or undefined (JSON leaves them out)
    expect(JSON.parse(JSON.stringify(result.ok && result.body))).toEqual(body);
  });

  it.each([
    ['reject', {}, 'reason', 'required'],
    ['return', { reason: '   ' }, 'reason', 'required'],
    ['merge', {}, 'into', 'required'],
    ['dispatch', { lead: '' }, 'lead', 'required'],
    ['dispatch', { lead: 'D02', hours: '1.5' }, 'hours', 'hours'],
    ['dispatch', { lead: 'D02', hours: '721' }, 'hours', 'hours'],
    ['requestExtension', { reason: '需协调' }, 'hours', 'required'],
    ['requestExtension', { hours: '0', reason: '需协调' }, 'hours', 'hours'],
    ['requestExtension', { hours: '24' }, 'reason', 'required'],
    ['verify', {}, 'passed', 'required'],
    ['evaluate', { ratedBy: 'resident' }, 'satisfaction', 'required'],
    ['evaluate', { satisfaction: 'satisfied', ratedBy: '' }, 'ratedBy', 'required'],
    ['shelve', { reason: '需立项', supervisor: ' ' }, 'supervisor', 'required'],
  ] as const)('%s %j is refused at %s', (action, over, field, problem) => {
    expect(requestOf(action, draft(over))).toEqual({ ok: false, field, problem });
  });
});

describe('bulkDispatchPlan', () => {
  const cases = [
    { id: 'E1', code: 'C1', itemCode: '010101' },
    { id: 'E2', code: 'C2', itemCode: '999999' },
  ];
  it('sends each case to its item’s department, an unknown item nowhere', () => {
    expect(bulkDispatchPlan(cases, '')).toEqual([
      { id: 'E1', code: 'C1', lead: getItem('010101').departmentId },
      { id: 'E2', code: 'C2', lead: null },
    ]);
  });
  it('sends every case to one chosen department', () => {
    expect(bulkDispatchPlan(cases, 'D07').map((s) => s.lead)).toEqual(['D07', 'D07']);
  });
});
