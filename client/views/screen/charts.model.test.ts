import { describe, expect, it } from 'vitest';
import { categoryOption, dailyOption } from './charts.model';

describe('dailyOption', () => {
  it('puts one label per day and both series, sized from the root font', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      day: `2026-10-${String(i + 1).padStart(2, '0')}`,
      reported: i,
      closed: i - 1,
    }));
    const o = dailyOption(days, 32, { reported: '上报', closed: '已结案' });
    expect(o.xAxis.data).toHaveLength(30);
    expect(o.xAxis.data[0]).toBe('10-01');
    expect(o.series.map((s) => s.name)).toEqual(['上报', '已结案']);
    expect(o.series[0]!.data[29]).toBe(29);
    expect(o.yAxis.axisLabel.fontSize).toBe(30);
    expect(o.xAxis.axisLabel.interval).toBe(4);
  });
});

describe('categoryOption', () => {
  const categories = [
    { code: '01', name: '市容环境', nameEn: 'City appearance', count: 9, open: 1 },
    { code: '02', name: '街面秩序', nameEn: 'Street order', count: 3, open: 0 },
  ];
  const cases: { lang: 'zh' | 'en'; labels: string[] }[] = [
    { lang: 'zh', labels: ['街面秩序', '市容环境'] },
    { lang: 'en', labels: ['Street order', 'City appearance'] },
  ];
  for (const c of cases) {
    it(`labels in ${c.lang}, the largest at the top`, () => {
      const o = categoryOption(categories, 16, c.lang);
      expect(o.yAxis.data).toEqual(c.labels);
      expect(o.series[0]!.data.map((d) => d.value)).toEqual([3, 9]);
    });
  }
});
