// The analyst's workspace as pure functions: the months of the slider, what each level of the tree
// shows (heat resolution, risk cells), colours of the heat and risk layers, the six elements' rows,
// and the charts' options. No React, no fetch: the page and its tests both use these.
import { pointInArea } from '@domain/pointInArea';
import type { EChartsCoreOption } from 'echarts/core';
import { cellToLatLng } from 'h3-js';
import type { ForecastAnswer, RiskArea, RiskFactor, TrendAnswer } from '../../api/analystApi';
import { RISK_FACTORS } from '../../api/analystApi';

/** Every month (YYYY-MM) from the month of `firstDay` to that of `lastDay`, oldest first. */
export function monthsBetween(firstDay: string, lastDay: string): string[] {
  const months: string[] = [];
  let [y, m] = firstDay.slice(0, 7).split('-').map(Number) as [number, number];
  const end = lastDay.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** A month's first and last day (UTC, YYYY-MM-DD). */
export function monthSpan(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export type UnitLevel = 'city' | 'subdistrict' | 'town' | 'community' | 'village' | 'grid';

/** The heat layer's H3 resolution at each level: cells small enough to show structure, few enough to read. */
export function heatResolution(level: string): 7 | 8 | 9 {
  if (level === 'city') return 8;
  if (level === 'subdistrict' || level === 'town') return 8;
  return 9;
}

/** The risk layer's cells at each level (GET /api/risk?level=h3r…). */
export function riskCellLevel(level: string): 'h3r8' | 'h3r9' | 'h3r10' {
  if (level === 'city' || level === 'subdistrict' || level === 'town') return 'h3r8';
  if (level === 'community' || level === 'village') return 'h3r9';
  return 'h3r10';
}

export type Rgba = [number, number, number, number];

/** Yellow → orange → red with the share of the busiest cell; the square root keeps quiet cells visible. */
export function heatColour(count: number, max: number): Rgba {
  const t = max > 0 ? Math.sqrt(Math.min(1, count / max)) : 0;
  const stops: [number, number, number][] = [
    [255, 237, 160],
    [254, 178, 76],
    [240, 59, 32],
    [189, 0, 38],
  ];
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
    170, // the basemap shows through
  ];
}

/** Green (0) → amber (50) → red (100) for a risk score. */
export function riskColour(score: number): Rgba {
  const s = Math.max(0, Math.min(100, score)) / 100;
  return s < 0.5
    ? [Math.round(46 + (240 - 46) * s * 2), Math.round(160 + (180 - 160) * s * 2), 60, 170]
    : [Math.round(240 - (240 - 200) * (s - 0.5) * 2), Math.round(180 - 160 * (s - 0.5) * 2), 40, 190];
}

/** The factor that adds most to an area's score (the first listed on a tie); null when all are zero. */
export function mainFactor(area: RiskArea): RiskFactor | null {
  let best: RiskFactor | null = null;
  for (const f of RISK_FACTORS) if ((area.factors[f] ?? 0) > (best ? (area.factors[best] ?? 0) : 0)) best = f;
  return best;
}

/** One row of an element's table: a figure, or a count map (by use, by state, by kind…) of its own. */
export type ElementRow = { key: string; value: number } | { key: string; counts: [string, number][] };

/**
 * An element of GET /api/grids/{id} (people, places, …) as rows, whatever it holds: numbers become
 * figures, `record<string, number>` maps become count tables (biggest first), anything else is left out.
 * The summary grows (more count maps per element), and the page shows what is there.
 */
export function elementRows(element: unknown): ElementRow[] {
  if (typeof element !== 'object' || element === null) return [];
  const rows: ElementRow[] = [];
  for (const [key, value] of Object.entries(element)) {
    if (typeof value === 'number') rows.push({ key, value });
    else if (isCountMap(value))
      rows.push({ key, counts: Object.entries(value).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)) });
  }
  return rows;
}

const isCountMap = (v: unknown): v is Record<string, number> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number');

export const SIX_ELEMENTS = ['people', 'places', 'events', 'things', 'sentiment', 'organisations'] as const;
export type SixElement = (typeof SIX_ELEMENTS)[number];

/** A count map as a horizontal bar chart. */
export function countChart(counts: [string, number][], label: (key: string) => string): EChartsCoreOption {
  const shown = counts.slice(0, 12).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', axisLabel: { color: '#9fb3c8' }, splitLine: { lineStyle: { color: '#1d3352' } } },
    yAxis: { type: 'category', data: shown.map(([k]) => label(k)), axisLabel: { color: '#d8e4f0' } },
    series: [{ type: 'bar', data: shown.map(([, v]) => v), itemStyle: { color: '#4fa3ff' } }],
  };
}

/** Cases per period and category, stacked. */
export function trendChart(trend: TrendAnswer, categoryName: (code: string) => string): EChartsCoreOption {
  const periods = [...new Set(trend.series.map((s) => s.period))].sort();
  const categories = [...new Set(trend.series.map((s) => s.category))].sort();
  const at = new Map(trend.series.map((s) => [`${s.period}|${s.category}`, s.count]));
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', textStyle: { color: '#d8e4f0' } },
    xAxis: { type: 'category', data: periods, axisLabel: { color: '#9fb3c8' } },
    yAxis: { type: 'value', axisLabel: { color: '#9fb3c8' }, splitLine: { lineStyle: { color: '#1d3352' } } },
    series: categories.map((c) => ({
      type: 'bar',
      stack: 'cases',
      name: categoryName(c),
      data: periods.map((p) => at.get(`${p}|${c}`) ?? 0),
    })),
  };
}

/** History, forecast and its interval (a band drawn as a stacked area from low to high). */
export function forecastChart(
  f: ForecastAnswer,
  names: { history: string; expected: string; band: string },
): EChartsCoreOption {
  const periods = [...f.history.map((h) => h.period), ...f.forecast.map((p) => p.period)];
  const pad = (n: number) => Array<number | null>(n).fill(null);
  const before = pad(f.history.length);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { textStyle: { color: '#d8e4f0' }, data: [names.history, names.expected, names.band] },
    xAxis: { type: 'category', data: periods, axisLabel: { color: '#9fb3c8' } },
    yAxis: { type: 'value', axisLabel: { color: '#9fb3c8' }, splitLine: { lineStyle: { color: '#1d3352' } } },
    series: [
      { type: 'line', name: names.history, data: [...f.history.map((h) => h.count), ...pad(f.forecast.length)] },
      {
        type: 'line',
        name: names.expected,
        lineStyle: { type: 'dashed' },
        data: [...before, ...f.forecast.map((p) => p.expected)],
      },
      {
        type: 'line',
        stack: 'band',
        name: names.band,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: [...before, ...f.forecast.map((p) => p.low)],
      },
      {
        type: 'line',
        stack: 'band',
        name: names.band,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { opacity: 0.25 },
        data: [...before, ...f.forecast.map((p) => p.high - p.low)],
      },
    ],
  };
}

/** The bounding box of a GeoJSON polygon or multipolygon's coordinates: [minLon, minLat, maxLon, maxLat]. */
export function bboxOf(coordinates: unknown): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [lon, lat] = c as [number, number];
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(coordinates);
  return box;
}

/** A grid of the tree as the heat table needs it: its name and its outline. */
export interface NamedArea {
  name: string;
  geometry: Parameters<typeof pointInArea>[0];
}

/**
 * The responsibility grid each heat cell's centre lies in, by cell (the table names places, not H3
 * ids). Cells whose centre falls outside every grid (the county's edge) are left out.
 */
export function cellGridNames(cells: readonly string[], grids: readonly NamedArea[]): Map<string, string> {
  const boxed = grids.map((g) => ({ ...g, box: bboxOf(g.geometry.coordinates) }));
  const out = new Map<string, string>();
  for (const cell of cells) {
    const [lat, lon] = cellToLatLng(cell);
    const hit = boxed.find(
      (g) =>
        lon >= g.box[0] && lat >= g.box[1] && lon <= g.box[2] && lat <= g.box[3] && pointInArea(g.geometry, [lon, lat]),
    );
    if (hit) out.set(cell, hit.name);
  }
  return out;
}
