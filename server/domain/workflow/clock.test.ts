import { describe, expect, it } from 'vitest';
import { addClockMinutes, clockMinutesBetween, inWorkingTime } from './clock';

// CST = UTC+8: 2026-03-06 is a Friday, 2026-03-09 a Monday.
const cst = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('addClockMinutes', () => {
  const cases: [title: string, start: string, minutes: number, basis: 'natural' | 'working', end: string][] = [
    ['natural time runs through the night', '2026-03-06T23:00:00', 120, 'natural', '2026-03-07T01:00:00'],
    ['inside a morning period', '2026-03-06T09:00:00', 60, 'working', '2026-03-06T10:00:00'],
    ['over the lunch break', '2026-03-06T11:30:00', 60, 'working', '2026-03-06T14:30:00'],
    ['from Friday afternoon to Monday morning', '2026-03-06T17:00:00', 216, 'working', '2026-03-09T10:36:00'],
    ['a start at night waits for the morning', '2026-03-05T22:00:00', 30, 'working', '2026-03-06T08:30:00'],
    ['a start on Saturday waits for Monday', '2026-03-07T10:00:00', 480, 'working', '2026-03-09T18:00:00'],
    ['exactly a working day from 08:00', '2026-03-09T08:00:00', 480, 'working', '2026-03-09T18:00:00'],
  ];
  it.each(cases)('%s', (_t, start, minutes, basis, end) => {
    expect(iso(addClockMinutes(cst(start), minutes, basis))).toBe(iso(cst(end)));
  });

  it('skips a holiday and counts a make-up working Saturday', () => {
    const cal = { holidays: new Set(['2026-03-09']), extraWorkdays: new Set(['2026-03-07']) };
    expect(iso(addClockMinutes(cst('2026-03-06T17:00:00'), 120, 'working', cal))).toBe(iso(cst('2026-03-07T09:00:00')));
    expect(iso(addClockMinutes(cst('2026-03-07T17:00:00'), 120, 'working', cal))).toBe(iso(cst('2026-03-10T09:00:00')));
  });
});

describe('clockMinutesBetween', () => {
  it('is the inverse of addClockMinutes on working time', () => {
    for (const [start, minutes] of [
      ['2026-03-06T17:00:00', 216],
      ['2026-03-05T22:00:00', 30],
      ['2026-03-06T11:30:00', 95],
    ] as const) {
      const end = addClockMinutes(cst(start), minutes, 'working');
      expect(clockMinutesBetween(cst(start), end, 'working')).toBeCloseTo(minutes, 6);
    }
  });
  it('counts nothing over a weekend or backwards', () => {
    expect(clockMinutesBetween(cst('2026-03-07T00:00:00'), cst('2026-03-09T00:00:00'), 'working')).toBe(0);
    expect(clockMinutesBetween(cst('2026-03-09T10:00:00'), cst('2026-03-09T09:00:00'), 'natural')).toBe(0);
  });
});

describe('inWorkingTime', () => {
  it.each([
    ['2026-03-06T08:00:00', true],
    ['2026-03-06T12:00:00', false],
    ['2026-03-06T13:59:00', false],
    ['2026-03-06T17:59:00', true],
    ['2026-03-06T23:00:00', false],
    ['2026-03-07T10:00:00', false],
  ] as const)('%s → %s', (local, expected) => {
    expect(inWorkingTime(cst(local))).toBe(expected);
  });
});
