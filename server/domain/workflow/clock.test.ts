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

describe('the official calendar (holidays.ts), the default', () => {
  it('skips 国庆: a working-time limit started before the golden week runs on after it', () => {
    // Tue 2026-09-29 17:00 + 3 working hours: 1 h on Tuesday, 2 h on Wednesday the 30th. From Wednesday
    // 17:00, 2 h: one on Wednesday, then Oct 1–7 are off, the second on Thursday Oct 8.
    expect(iso(addClockMinutes(cst('2026-09-29T17:00:00'), 180, 'working'))).toBe(iso(cst('2026-09-30T10:00:00')));
    expect(iso(addClockMinutes(cst('2026-09-30T17:00:00'), 120, 'working'))).toBe(iso(cst('2026-10-08T09:00:00')));
    expect(clockMinutesBetween(cst('2026-10-01T00:00:00'), cst('2026-10-08T00:00:00'), 'working')).toBe(0);
    expect(inWorkingTime(cst('2026-10-05T10:00:00'))).toBe(false); // a Monday of the holiday
    // plain Monday–Friday, asked for explicitly, counts the holiday's weekdays
    expect(clockMinutesBetween(cst('2026-10-01T00:00:00'), cst('2026-10-08T00:00:00'), 'working', {})).toBe(5 * 480);
  });

  it('counts a make-up working Saturday (调休) as a working day', () => {
    // Sat 2026-10-10 is worked in exchange for the golden week; Sat 2026-10-17 is not.
    expect(inWorkingTime(cst('2026-10-10T09:00:00'))).toBe(true);
    expect(inWorkingTime(cst('2026-10-17T09:00:00'))).toBe(false);
    expect(clockMinutesBetween(cst('2026-10-10T00:00:00'), cst('2026-10-11T00:00:00'), 'working')).toBe(480);
    // Friday 17:00 + 2 h: an hour on Friday, the second on the make-up Saturday morning
    expect(iso(addClockMinutes(cst('2026-10-09T17:00:00'), 120, 'working'))).toBe(iso(cst('2026-10-10T09:00:00')));
  });

  it('falls back to Monday–Friday in a year the table does not hold', () => {
    // 2027-10-01 is a Friday: counted as a working day until 2027's notice is added
    expect(inWorkingTime(cst('2027-10-01T09:00:00'))).toBe(true);
    expect(clockMinutesBetween(cst('2027-10-01T00:00:00'), cst('2027-10-04T00:00:00'), 'working')).toBe(480);
  });

  it('keeps natural time for urgent items through holidays', () => {
    expect(clockMinutesBetween(cst('2026-10-01T00:00:00'), cst('2026-10-02T00:00:00'), 'natural')).toBe(1440);
  });
});
