import { describe, expect, it } from 'vitest';
import { midpoint, roadLabelSpecs } from './roadLabels.model';

describe('road labels', () => {
  it('names each main road once, at the middle of its longest stretch, and no minor road', () => {
    const specs = roadLabelSpecs([
      {
        name: '龙眠大道',
        kind: 'arterial',
        line: [
          [116.9, 31.0],
          [116.91, 31.0],
        ],
      },
      {
        name: '龙眠大道',
        kind: 'arterial',
        line: [
          [116.9, 31.02],
          [116.94, 31.02],
        ],
      },
      {
        name: 'G3京台高速',
        kind: 'expressway',
        line: [
          [116.8, 30.9],
          [117.0, 31.1],
        ],
      },
      {
        name: '北街',
        kind: 'lane',
        line: [
          [116.95, 31.05],
          [116.951, 31.05],
        ],
      },
      {
        name: '',
        kind: 'national',
        line: [
          [116.8, 31.0],
          [116.9, 31.0],
        ],
      },
    ]);
    expect(specs.map((s) => s.text)).toEqual(['G3京台高速', '龙眠大道']);
    const avenue = specs.find((s) => s.text === '龙眠大道')!;
    expect(avenue.position[0]).toBeCloseTo(116.92, 6);
    expect(avenue.position[1]).toBeCloseTo(31.02, 6);
    // the through road is readable from further out than the city's avenue
    expect(specs[0]!.maxDistanceM).toBeGreaterThan(avenue.maxDistanceM);
  });

  it('finds the point halfway along a bent line', () => {
    const [lon, lat] = midpoint([
      [117, 31],
      [117, 31.01],
      [117.02, 31.01],
    ]);
    expect(lat).toBeCloseTo(31.01, 3);
    expect(lon).toBeGreaterThan(117);
  });
});
