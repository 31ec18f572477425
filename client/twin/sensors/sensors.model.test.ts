import { describe, expect, it } from 'vitest';
import type { SensorFeature } from '../../api/twinApi';
import { type SensorStatus, sensorSpecs, sensorStatus, sensorStatusColors } from './sensors.model';

describe('sensorStatus', () => {
  const cases: [
    title: string,
    kind: 'manhole' | 'rain-gauge' | 'river-gauge',
    state: Parameters<typeof sensorStatus>[1],
    expected: SensorStatus,
  ][] = [
    ['never heard from', 'manhole', null, 'unknown'],
    ['offline', 'manhole', { online: false, values: { waterLevelM: 0.2 } }, 'offline'],
    [
      'all quiet',
      'manhole',
      {
        online: true,
        values: { waterLevelM: 0.3, coverOpen: false, coverTiltDeg: 1, ch4Lel: 0, h2sPpm: 0, batteryPct: 90 },
      },
      'normal',
    ],
    ['water above the raise level', 'manhole', { online: true, values: { waterLevelM: 2.1 } }, 'alarm'],
    ['water between clear and raise', 'manhole', { online: true, values: { waterLevelM: 1.8 } }, 'warning'],
    ['cover open', 'manhole', { online: true, values: { coverOpen: true } }, 'alarm'],
    ['battery low (a below rule)', 'rain-gauge', { online: true, values: { batteryPct: 10 } }, 'alarm'],
    ['battery getting low', 'rain-gauge', { online: true, values: { batteryPct: 20 } }, 'warning'],
    ['heavy rain', 'rain-gauge', { online: true, values: { rainfallMmH: 45 } }, 'alarm'],
    ['another kind’s metric is ignored', 'river-gauge', { online: true, values: { rainfallMmH: 99 } }, 'normal'],
    ['river above warning', 'river-gauge', { online: true, values: { riverLevelM: 4.6 } }, 'alarm'],
  ];
  for (const [title, kind, state, expected] of cases) it(title, () => expect(sensorStatus(kind, state)).toBe(expected));
});

describe('sensorSpecs', () => {
  it('colours each sensor by its state', () => {
    const feature = (id: string, kind: string): SensorFeature => ({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [117, 31] },
      properties: { id, kind: kind as never, componentId: null, gridId: 'G' },
    });
    const specs = sensorSpecs(
      [feature('MH-0001', 'manhole'), feature('RG-01', 'rain-gauge')],
      new Map([['MH-0001', { online: true, values: { waterLevelM: 3 } }]]),
    );
    expect(specs.map((s) => [s.pick.id, s.color])).toEqual([
      ['MH-0001', sensorStatusColors.alarm],
      ['RG-01', sensorStatusColors.unknown],
    ]);
  });
});
