import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import {
  bboxOf,
  cellGridNames,
  elementRows,
  heatColour,
  heatResolution,
  mainFactor,
  monthSpan,
  monthsBetween,
  riskCellLevel,
} from './analyst.model';

describe('the months of the slider', () => {
  it.each([
    ['one month', '2026-10-03', '2026-10-30', ['2026-10']],
    ['across a year', '2025-11-20', '2026-02-01', ['2025-11', '2025-12', '2026-01', '2026-02']],
  ])('%s', (_title, first, last, months) => {
    expect(monthsBetween(first, last)).toEqual(months);
  });

  it.each([
    ['2026-02', { from: '2026-02-01', to: '2026-02-28' }],
    ['2024-02', { from: '2024-02-01', to: '2024-02-29' }],
    ['2026-12', { from: '2026-12-01', to: '2026-12-31' }],
  ])('spans %s', (month, span) => {
    expect(monthSpan(month)).toEqual(span);
  });
});

describe('what each level shows', () => {
  it.each([
    ['city', 8, 'h3r8'],
    ['town', 8, 'h3r8'],
    ['community', 9, 'h3r9'],
    ['grid', 9, 'h3r10'],
  ])('%s: heat at res %i, risk cells %s', (level, res, risk) => {
    expect(heatResolution(level)).toBe(res);
    expect(riskCellLevel(level)).toBe(risk);
  });
});

describe('colours', () => {
  it('goes from pale (quiet) to dark red (busiest), never transparent', () => {
    const quiet = heatColour(1, 100);
    const busy = heatColour(100, 100);
    expect(busy[1]).toBeLessThan(quiet[1]);
    expect(heatColour(0, 0)).toEqual([255, 237, 160, 170]);
  });
});

describe('the main factor', () => {
  const area = (factors: Record<string, number>) => ({ areaId: 'a', name: 'a', score: 1, factors }) as never;
  it.each([
    ['the largest', { cases: 3, openOverdue: 9, sensorAlarms: 1 }, 'openOverdue'],
    ['the first on a tie', { cases: 4, vulnerable: 4 }, 'cases'],
    ['none when all are zero', { cases: 0 }, null],
  ])('%s', (_title, factors, main) => {
    expect(mainFactor(area(factors))).toBe(main);
  });
});

describe('the six elements as rows', () => {
  it('shows figures and any count map, and leaves the rest out', () => {
    expect(
      elementRows({ buildings: 3, byUse: { public: 1, residential: 2 }, byAge: { '0-17': 5 }, note: 'x', list: [1] }),
    ).toEqual([
      { key: 'buildings', value: 3 },
      {
        key: 'byUse',
        counts: [
          ['residential', 2],
          ['public', 1],
        ],
      },
      { key: 'byAge', counts: [['0-17', 5]] },
    ]);
    expect(elementRows(null)).toEqual([]);
  });
});

describe('bounding boxes', () => {
  it('covers every ring of a multipolygon', () => {
    expect(
      bboxOf([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
        [[[-1, 5]]],
      ]),
    ).toEqual([-1, 2, 3, 5]);
  });
});

describe('the heat table names the grid of each cell', () => {
  const square = (lon: number, lat: number, d: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
      ] as [number, number][],
    ],
  });
  const grids = [
    { name: '龙眠第一网格', geometry: square(116.95, 31.0, 0.02) },
    { name: '龙眠第二网格', geometry: square(116.97, 31.0, 0.02) },
  ];

  it('by the grid its centre lies in, leaving out cells outside every grid', () => {
    const west = latLngToCell(31.01, 116.96, 9);
    const east = latLngToCell(31.01, 116.98, 9);
    const away = latLngToCell(31.2, 117.3, 9);
    const names = cellGridNames([west, east, away], grids);
    expect(names.get(west)).toBe('龙眠第一网格');
    expect(names.get(east)).toBe('龙眠第二网格');
    expect(names.has(away)).toBe(false);
  });
});
