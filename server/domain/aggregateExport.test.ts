import { describe, expect, it } from 'vitest';
import { DATASETS, toCsv, toGeoJson } from './aggregateExport';

describe('rows of an export keep only their columns', () => {
  it.each([
    [
      'heat',
      [{ h3: '89419ad8383ffff', count: 3, name: '张三', phone: '13800000000' }],
      [{ h3: '89419ad8383ffff', count: 3 }],
    ],
    [
      'risk',
      [
        {
          areaId: '340881002001G01',
          name: '桃元社区第1网格',
          score: 71.5,
          factors: { cases: 30, vulnerable: 20, residents: ['李四'] },
          idNumber: '340881199001011234',
        },
      ],
      [
        {
          areaId: '340881002001G01',
          name: '桃元社区第1网格',
          score: 71.5,
          cases: 30,
          openOverdue: 0,
          sensorAlarms: 0,
          vulnerable: 20,
          cameraGaps: 0,
          sentiment: 0,
        },
      ],
    ],
    [
      'trend',
      { unit: '340881', by: 'month', series: [{ period: '2026-09', category: '01', count: 5, reporter: '王五' }] },
      [{ period: '2026-09', category: '01', count: 5 }],
    ],
    ['heat', { not: 'a list' }, []],
  ] as const)('%s', (dataset, answer, rows) => {
    expect(DATASETS[dataset].rows(answer)).toEqual(rows);
  });
});

describe('the formats', () => {
  const columns = DATASETS.trend.columns;
  it('writes CSV with a BOM, CRLF and quoted cells where needed', () => {
    expect(toCsv(columns, [{ period: '2026-09', category: 'a,"b"', count: 2 }])).toBe(
      '\uFEFFperiod,category,count\r\n2026-09,"a,""b""",2\r\n',
    );
  });

  it('writes GeoJSON with one feature per row, null where no shape is known', () => {
    expect(toGeoJson(columns, [{ period: '2026-09', category: '01', count: 2 }], () => null)).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: null, properties: { period: '2026-09', category: '01', count: 2 } }],
    });
  });
});
