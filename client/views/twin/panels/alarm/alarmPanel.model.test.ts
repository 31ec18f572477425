import { ROLE_PERMISSIONS, ROLES } from '@domain/access';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../../../../server/http/access';
import type { Alarm, CameraCoverage } from '../../../../api/twinApi';
import {
  ACKNOWLEDGE_PERMISSIONS,
  type AlarmFacts,
  alarmFacts,
  cameraRows,
  lifeCycle,
  mayAcknowledge,
  severityLevel,
  withAlarm,
} from './alarmPanel.model';

const alarm = (over: Partial<Alarm> = {}): Alarm => ({
  id: 'AL0000001',
  deviceId: 'MH-0001',
  rule: 'manhole.water-high',
  metric: 'waterLevelM',
  itemCode: '050102',
  severity: 2,
  status: 'raised',
  message: 'MH-0001 井内水位过高（2.4）',
  value: 2.4,
  threshold: 2,
  raisedAt: '2026-01-01T12:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  clearedAt: null,
  eventId: 'ES0000001',
  position: [116.95, 31.05],
  gridId: 'G1',
  ...over,
});

describe('mayAcknowledge', () => {
  it('asks for what the route asks for', () =>
    expect(ACCESS['POST /alarms/:id/acknowledge']).toEqual({ anyOf: ACKNOWLEDGE_PERMISSIONS }));
  const cases: { title: string; permissions: string[] | null; status: Alarm['status']; expected: boolean }[] = [
    { title: 'handler, raised', permissions: ['map', 'cases', 'handle'], status: 'raised', expected: true },
    { title: 'centre seat, raised', permissions: ['cases', 'dispatch'], status: 'raised', expected: true },
    { title: 'case reader only (screen, analyst)', permissions: ['map', 'cases'], status: 'raised', expected: false },
    {
      title: 'handler, already acknowledged',
      permissions: ['map', 'cases', 'handle'],
      status: 'acknowledged',
      expected: false,
    },
    { title: 'handler, cleared', permissions: ['handle'], status: 'cleared', expected: false },
    { title: 'map only', permissions: ['overview', 'map'], status: 'raised', expected: false },
    { title: 'nobody', permissions: null, status: 'raised', expected: false },
  ];
  for (const c of cases)
    it(c.title, () => expect(mayAcknowledge(c.permissions, { status: c.status })).toBe(c.expected));
  it('per role, as the access table says', () => {
    const allowed = ROLES.filter((r) => mayAcknowledge(ROLE_PERMISSIONS[r], { status: 'raised' }));
    expect(allowed).toEqual(['gridworker', 'community', 'subdistrict', 'department', 'centre']);
  });
});

describe('alarmFacts', () => {
  const cases: { title: string; alarm: Alarm; expected: AlarmFacts }[] = [
    {
      title: 'a level crossed',
      alarm: alarm(),
      expected: {
        type: 'threshold',
        metric: 'waterLevelM',
        unit: 'm',
        value: 2.4,
        threshold: 2,
        direction: 'above',
        windowMin: null,
      },
    },
    {
      title: 'a rise within a window',
      alarm: alarm({ rule: 'manhole.water-rising', value: 0.6, threshold: 0.5 }),
      expected: {
        type: 'rate',
        metric: 'waterLevelM',
        unit: 'm',
        value: 0.6,
        threshold: 0.5,
        direction: 'above',
        windowMin: 10,
      },
    },
    {
      title: 'battery low: below',
      alarm: alarm({ rule: 'manhole.battery-low', metric: 'batteryPct', value: 12, threshold: 15 }),
      expected: {
        type: 'threshold',
        metric: 'batteryPct',
        unit: '%',
        value: 12,
        threshold: 15,
        direction: 'below',
        windowMin: null,
      },
    },
    {
      title: 'silence: seconds',
      alarm: alarm({ rule: 'manhole.offline', metric: 'silence', value: 130, threshold: 120 }),
      expected: {
        type: 'silence',
        metric: 'silence',
        unit: 's',
        value: 130,
        threshold: 120,
        direction: null,
        windowMin: null,
      },
    },
    {
      title: 'the cover switch has no unit',
      alarm: alarm({ rule: 'manhole.cover-open', metric: 'coverOpen', value: 1, threshold: 1 }),
      expected: {
        type: 'threshold',
        metric: 'coverOpen',
        unit: '',
        value: 1,
        threshold: 1,
        direction: 'above',
        windowMin: null,
      },
    },
    {
      title: 'a rule this client does not know',
      alarm: alarm({ rule: 'manhole.new-rule', metric: 'h2sPpm', value: 20, threshold: null }),
      expected: {
        type: 'threshold',
        metric: 'h2sPpm',
        unit: 'ppm',
        value: 20,
        threshold: null,
        direction: null,
        windowMin: null,
      },
    },
  ];
  for (const c of cases) it(c.title, () => expect(alarmFacts(c.alarm)).toEqual(c.expected));
});

describe('lifeCycle', () => {
  const at = (s: ReturnType<typeof lifeCycle>) => s.map((x) => [x.status, x.reached, x.skipped]);
  const cases: { title: string; alarm: Alarm; expected: [string, boolean, boolean][] }[] = [
    {
      title: 'raised',
      alarm: alarm(),
      expected: [
        ['raised', true, false],
        ['acknowledged', false, false],
        ['cleared', false, false],
      ],
    },
    {
      title: 'acknowledged',
      alarm: alarm({ status: 'acknowledged', acknowledgedAt: '2026-01-01T12:05:00.000Z', acknowledgedBy: 'centre' }),
      expected: [
        ['raised', true, false],
        ['acknowledged', true, false],
        ['cleared', false, false],
      ],
    },
    {
      title: 'acknowledged, then cleared',
      alarm: alarm({
        status: 'cleared',
        acknowledgedAt: '2026-01-01T12:05:00.000Z',
        acknowledgedBy: 'centre',
        clearedAt: '2026-01-01T12:30:00.000Z',
      }),
      expected: [
        ['raised', true, false],
        ['acknowledged', true, false],
        ['cleared', true, false],
      ],
    },
    {
      title: 'cleared without acknowledging',
      alarm: alarm({ status: 'cleared', clearedAt: '2026-01-01T12:30:00.000Z' }),
      expected: [
        ['raised', true, false],
        ['acknowledged', false, true],
        ['cleared', true, false],
      ],
    },
  ];
  for (const c of cases) it(c.title, () => expect(at(lifeCycle(c.alarm))).toEqual(c.expected));
  it('keeps who acknowledged', () =>
    expect(lifeCycle(alarm({ acknowledgedAt: 'x', acknowledgedBy: 'centre' }))[1]!.by).toBe('centre'));
});

describe('severityLevel', () => {
  const cases: [number, number][] = [
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 3],
    [5, 3],
  ];
  for (const [s, expected] of cases) it(String(s), () => expect(severityLevel(s)).toBe(expected));
});

describe('withAlarm', () => {
  const a = alarm({ id: 'AL0000001' });
  const b = alarm({ id: 'AL0000002', rule: 'manhole.ch4' });
  const ids = (list: Alarm[]) => list.map((x) => `${x.id}:${x.status}`);
  const cases: { title: string; open: Alarm[]; add: Alarm; expected: string[] }[] = [
    { title: 'a new alarm first', open: [a], add: b, expected: ['AL0000002:raised', 'AL0000001:raised'] },
    {
      title: 'acknowledged in place',
      open: [b, a],
      add: { ...a, status: 'acknowledged' },
      expected: ['AL0000002:raised', 'AL0000001:acknowledged'],
    },
    { title: 'cleared: gone', open: [b, a], add: { ...b, status: 'cleared' }, expected: ['AL0000001:raised'] },
    {
      title: 'cleared and never seen: nothing',
      open: [a],
      add: { ...b, status: 'cleared' },
      expected: ['AL0000001:raised'],
    },
  ];
  for (const c of cases) it(c.title, () => expect(ids(withAlarm(c.open, c.add))).toEqual(c.expected));
});

describe('cameraRows', () => {
  const cam = (id: string, distanceM: number, online: boolean, offAxisDeg = 0): CameraCoverage => ({
    id,
    code: id,
    owner: 'urban',
    online,
    position: [116.95, 31.05],
    headingDeg: 0,
    fovDeg: 90,
    rangeM: 150,
    distanceM,
    bearingDeg: 0,
    offAxisDeg,
    viewpoint: { lon: 116.95, lat: 31.05, heightM: 6, headingDeg: 0, pitchDeg: -10 },
  });
  const cases: { title: string; cameras: CameraCoverage[]; order: string[]; best: string | null }[] = [
    {
      title: 'nearest first; the nearest is best',
      cameras: [cam('B', 80, true), cam('A', 20, true)],
      order: ['A', 'B'],
      best: 'A',
    },
    {
      title: 'an offline camera is never best',
      cameras: [cam('A', 20, false), cam('B', 80, true)],
      order: ['A', 'B'],
      best: 'B',
    },
    {
      title: 'ties: nearer the axis first',
      cameras: [cam('A', 20, true, 30), cam('B', 20, true, 5)],
      order: ['B', 'A'],
      best: 'B',
    },
    { title: 'all offline: no best', cameras: [cam('A', 20, false)], order: ['A'], best: null },
    { title: 'none', cameras: [], order: [], best: null },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const rows = cameraRows(c.cameras);
      expect(rows.map((r) => r.id)).toEqual(c.order);
      expect(rows.find((r) => r.best)?.id ?? null).toBe(c.best);
    });
  }
});

describe('the panel’s words', () => {
  it('name every alarm rule and metric in both languages', async () => {
    const { ALARM_RULES } = await import('@domain/alarms');
    const { translate } = await import('../../../../i18n');
    for (const lang of ['zh', 'en'] as const) {
      for (const r of ALARM_RULES) {
        expect(translate(lang, `rule.${r.id}` as never), `${lang} rule.${r.id}`).toBeTruthy();
        expect(translate(lang, `metric.${r.metric}` as never), `${lang} metric.${r.metric}`).toBeTruthy();
      }
    }
  });
});
