import { ROLE_PERMISSIONS } from '@domain/access';
import { describe, expect, it } from 'vitest';
import { type InboxKey, inboxesFor, mayPickHolder, queryOf } from './inbox.model';

const keys = (role: keyof typeof ROLE_PERMISSIONS) => inboxesFor(role, ROLE_PERMISSIONS[role]).map((i) => i.key);
const inbox = (role: keyof typeof ROLE_PERMISSIONS, key: InboxKey) =>
  inboxesFor(role, ROLE_PERMISSIONS[role]).find((i) => i.key === key)!;

describe('inboxesFor', () => {
  it.each([
    [
      'centre',
      [
        'centre',
        'reported',
        'filed',
        'dispatched',
        'handling',
        'feedback',
        'verified',
        'warning',
        'overdue',
        'supervised',
      ],
    ],
    ['department', ['mine', 'dispatched', 'handling', 'warning', 'overdue', 'supervised', 'open']],
    ['subdistrict', ['mine', 'dispatched', 'handling', 'warning', 'overdue', 'supervised', 'open']],
    ['community', ['mine', 'dispatched', 'handling', 'feedback', 'warning', 'overdue', 'supervised', 'open']],
    ['gridworker', ['mine', 'dispatched', 'handling', 'feedback', 'warning', 'overdue', 'supervised', 'open']],
  ] as const)('%s sees %j', (role, tabs) => {
    expect(keys(role)).toEqual(tabs);
  });

  it('labels every tab with its own message', () => {
    for (const i of inboxesFor('centre', ROLE_PERMISSIONS.centre)) expect(i.label).toBe(`desk.tab.${i.key}`);
  });

  it('lets only the centre pick a holder', () => {
    expect(mayPickHolder('centre')).toBe(true);
    expect(mayPickHolder('department')).toBe(false);
  });
});

describe('queryOf', () => {
  it.each([
    ['centre', 'centre', '', { holder: 'centre', open: 'true', limit: '50' }],
    ['centre', 'reported', '', { status: 'reported', limit: '50' }],
    ['centre', 'filed', 'D02', { status: 'filed', holder: 'D02', limit: '50' }],
    ['centre', 'warning', '', { warning: 'true', limit: '50' }],
    ['centre', 'overdue', '340881001', { overdue: 'true', holder: '340881001', limit: '50' }],
    ['centre', 'supervised', '', { supervised: 'true', open: 'true', limit: '50' }],
    // the inbox's own holder wins over a picked one
    ['centre', 'centre', 'D02', { holder: 'centre', open: 'true', limit: '50' }],
    ['department', 'mine', '', { holder: 'me', open: 'true', limit: '50' }],
    ['department', 'dispatched', '', { status: 'dispatched', holder: 'me', limit: '50' }],
    ['department', 'overdue', '', { overdue: 'true', holder: 'me', limit: '50' }],
    ['community', 'feedback', '', { status: 'feedback', limit: '50' }],
    ['subdistrict', 'open', '', { open: 'true', limit: '50' }],
  ] as const)('%s · %s (holder %j)', (role, key, holder, query) => {
    expect(queryOf(inbox(role, key), { limit: 50 }, holder)).toEqual(query);
  });

  it('pages with an offset, and leaves a first page without one', () => {
    expect(queryOf(inbox('centre', 'filed'), { limit: 1, offset: 0 })).toEqual({ status: 'filed', limit: '1' });
    expect(queryOf(inbox('centre', 'filed'), { limit: 50, offset: 100 })).toEqual({
      status: 'filed',
      limit: '50',
      offset: '100',
    });
  });
});
