import { describe, expect, it } from 'vitest';
import {
  dayAfter,
  draftProblem,
  instructionBody,
  monthOfInstant,
  moved,
  pickerMonths,
  progressOf,
} from './leader.model';

describe('months and days in China time', () => {
  it('a UTC evening at a month end is the next month in China', () => {
    expect(monthOfInstant(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(monthOfInstant(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });
  it('a deadline N days on is a CST date', () => {
    expect(dayAfter(Date.parse('2026-11-30T17:00:00Z'), 10)).toBe('2026-12-11');
  });
  it('the picker lists the current month once, newest first', () => {
    expect(pickerMonths('2026-11', ['2026-10', '2026-11', '2026-09'])).toEqual(['2026-11', '2026-10', '2026-09']);
  });
});

describe('the agenda editor', () => {
  it('moves an entry up and down within the list', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });
});

describe('the instruction form', () => {
  const draft = { text: ' 请牵头办理 ', lead: { departmentId: 'D01', deadline: '2026-12-10' }, co: [] };
  it('names what is missing, in order', () => {
    expect(draftProblem({ ...draft, text: '  ' })).toBe('leader.instruction.missingText');
    expect(draftProblem({ ...draft, lead: { departmentId: '', deadline: '2026-12-10' } })).toBe(
      'leader.instruction.missingLead',
    );
    expect(draftProblem({ ...draft, co: [{ departmentId: 'D02', deadline: '' }] })).toBe(
      'leader.instruction.missingDeadline',
    );
    expect(draftProblem(draft)).toBeNull();
  });
  it('sends trimmed text and only the co-handlers with a department', () => {
    expect(instructionBody('E1', { ...draft, co: [{ departmentId: '', deadline: '' }] })).toEqual({
      eventId: 'E1',
      text: '请牵头办理',
      lead: { departmentId: 'D01', deadline: '2026-12-10' },
    });
    expect(instructionBody('E1', { ...draft, co: [{ departmentId: 'D02', deadline: '2026-12-05' }] }).co).toEqual([
      { departmentId: 'D02', deadline: '2026-12-05' },
    ]);
  });
});

describe('progress', () => {
  it('counts instructed agenda cases and last month’s settled and flagged ones', () => {
    const day = {
      agenda: [{ decision: {} }, { decision: null }, { decision: {} }],
      followUp: {
        cases: [
          { closed: true, flagged: false },
          { closed: false, flagged: true },
        ],
      },
    } as unknown as Parameters<typeof progressOf>[0];
    expect(progressOf(day)).toEqual({ agenda: 3, decided: 2, followUp: 2, closed: 1, flagged: 1 });
  });
});
