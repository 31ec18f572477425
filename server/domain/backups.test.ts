import { describe, expect, it } from 'vitest';
import { nextRunAt, parseTimeOfDay, snapshotFolderName, snapshotsToPrune } from './backups';

describe('parseTimeOfDay', () => {
  it.each([
    { text: '02:30', expected: 150 },
    { text: '2:05', expected: 125 },
    { text: '23:59', expected: 1439 },
    { text: '00:00', expected: 0 },
    { text: 'off', expected: null },
    { text: '', expected: null },
  ])('$text → $expected', ({ text, expected }) => expect(parseTimeOfDay(text)).toBe(expected));

  it.each(['24:00', '2.30', '12:60', 'nightly'])('refuses %s', (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(/HH:MM/);
  });
});

describe('nextRunAt (local time)', () => {
  const at = (h: number, m: number, day = 10) => new Date(2026, 10, day, h, m, 0, 0);
  it.each([
    { title: 'later today', now: at(1, 0), minute: 150, expected: at(2, 30) },
    { title: 'tomorrow when the time has passed', now: at(3, 0), minute: 150, expected: at(2, 30, 11) },
    { title: 'tomorrow when it is that time now', now: at(2, 30), minute: 150, expected: at(2, 30, 11) },
    { title: 'midnight', now: at(23, 59), minute: 0, expected: at(0, 0, 11) },
  ])('$title', ({ now, minute, expected }) => expect(nextRunAt(now, minute)).toEqual(expected));
});

describe('snapshots', () => {
  it('names a folder by its UTC time', () => {
    expect(snapshotFolderName(new Date('2026-11-01T02:30:05.123Z'))).toBe('wendu-20261101T023005Z');
  });

  it.each([
    {
      title: 'keeps the newest',
      folders: ['wendu-20261103T023000Z', 'wendu-20261101T023000Z', 'wendu-20261102T023000Z'],
      keep: 2,
      expected: ['wendu-20261101T023000Z'],
    },
    { title: 'nothing when within the limit', folders: ['wendu-20261101T023000Z'], keep: 3, expected: [] },
    {
      title: 'never a manual or pre-upgrade backup',
      folders: [
        'before-upgrade',
        'pre-upgrade-v5-to-v6-20261101T000000Z',
        'wendu-20261101T023000Z',
        'wendu-20261102T023000Z',
      ],
      keep: 1,
      expected: ['wendu-20261101T023000Z'],
    },
    {
      title: 'keep 0 removes every nightly one',
      folders: ['wendu-20261101T023000Z'],
      keep: 0,
      expected: ['wendu-20261101T023000Z'],
    },
  ])('$title', ({ folders, keep, expected }) => expect(snapshotsToPrune(folders, keep)).toEqual(expected));
});
