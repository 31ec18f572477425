// The big screen's chart options from the statistics (pure: data → ECharts option). Sizes are in CSS
// pixels of the root font (`remPx`), so the charts grow with the wall like the HTML around them.
import type { CategoryCount, DailyCount } from '../../api/twinApi';

export const screenFont = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const axisText = '#b9c8e0';
const gridLine = 'rgba(120, 160, 220, 0.18)';

export function dailyOption(days: readonly DailyCount[], remPx: number, names: { reported: string; closed: string }) {
  const font = { fontFamily: screenFont, fontSize: Math.round(remPx * 0.95), color: axisText };
  return {
    animation: false,
    textStyle: { fontFamily: screenFont },
    grid: { left: remPx * 3.2, right: remPx * 0.8, top: remPx * 2.4, bottom: remPx * 2 },
    legend: { top: 0, right: 0, textStyle: font, itemWidth: remPx * 1.2, itemHeight: remPx * 0.6 },
    xAxis: {
      type: 'category',
      data: days.map((d) => d.day.slice(5)),
      axisLabel: { ...font, interval: Math.ceil(days.length / 6) - 1 },
      axisLine: { lineStyle: { color: gridLine } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: font, splitLine: { lineStyle: { color: gridLine } } },
    series: [
      {
        name: names.reported,
        type: 'line',
        smooth: true,
        symbol: 'none',
        data: days.map((d) => d.reported),
        lineStyle: { width: remPx * 0.2, color: '#38c9ff' },
        areaStyle: { color: 'rgba(56, 201, 255, 0.18)' },
        itemStyle: { color: '#38c9ff' },
      },
      {
        name: names.closed,
        type: 'line',
        smooth: true,
        symbol: 'none',
        data: days.map((d) => d.closed),
        lineStyle: { width: remPx * 0.15, color: '#4ee38f' },
        itemStyle: { color: '#4ee38f' },
      },
    ],
  };
}

const palette = ['#38c9ff', '#ffc857', '#c39bff', '#4ee38f', '#ff9f6b', '#ff6b9a', '#7ee0c3', '#a8b8d0', '#ffd84d'];

export function categoryOption(categories: readonly CategoryCount[], remPx: number, lang: 'zh' | 'en') {
  const rows = [...categories].reverse(); // most at the top
  const font = { fontFamily: screenFont, fontSize: Math.round(remPx * 0.95), color: axisText };
  return {
    animation: false,
    textStyle: { fontFamily: screenFont },
    grid: { left: remPx * (lang === 'zh' ? 6.5 : 10), right: remPx * 3, top: remPx * 0.3, bottom: remPx * 0.3 },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: rows.map((c) => (lang === 'zh' ? c.name : c.nameEn)),
      axisLabel: { ...font, width: remPx * (lang === 'zh' ? 6 : 9.5), overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((c, i) => ({
          value: c.count,
          itemStyle: { color: palette[(rows.length - 1 - i) % palette.length] },
        })),
        barWidth: '62%',
        label: { show: true, position: 'right', ...font, color: '#e6eefc', fontWeight: 600 },
      },
    ],
  };
}
