// What the analyst's workspace (/analyst) calls: the basemap's layers, the case heat per H3 cell, a
// unit's six elements, and the export links — typed from the server's routes — plus the risk ranking
// and the trends and forecasts, whose routes are built apart (GET /api/risk, /api/stats/events/trend,
// /forecast): their answers are typed here by hand after the agreed shapes, and a server without them
// answers 404, which callers show as "not available".
import { bodyOf } from './apiError';
import { type Client, call, type Ok, withSignal } from './rpc';

export type HeatCell = Ok<Client['stats']['events']['h3']['$get']>[number];
export type RoadFeature = Ok<Client['layers']['roads']['$get']>['features'][number];
export type RiverFeature = Ok<Client['layers']['rivers']['$get']>['features'][number];
export type BuildingFeature = Ok<Client['layers']['buildings']['$get']>['features'][number];

export interface HeatQuery {
  res: 7 | 8 | 9;
  from: string;
  to: string;
  within?: string;
  category?: string;
}

/** The risk model's factors (GET /api/risk), each a contribution to the score. */
export const RISK_FACTORS = ['cases', 'openOverdue', 'sensorAlarms', 'vulnerable', 'cameraGaps', 'sentiment'] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
export type RiskLevel = 'grid' | 'community' | 'village' | 'subdistrict' | 'town' | 'city' | 'h3r8' | 'h3r9' | 'h3r10';
export interface RiskArea {
  areaId: string;
  name: string;
  score: number;
  factors: Record<RiskFactor, number>;
}
export interface RiskQuery {
  level: RiskLevel;
  top: number;
  at?: string;
  within?: string;
}

export type Granularity = 'week' | 'month';
export interface TrendAnswer {
  unit: string;
  by: Granularity;
  series: { period: string; category: string; count: number }[];
}
export interface ForecastAnswer {
  unit: string;
  by: Granularity;
  method: string;
  history: { period: string; count: number }[];
  forecast: { period: string; expected: number; low: number; high: number }[];
  anomalies: { period: string; count: number; expected: number }[];
}

export type ExportDataset = 'heat' | 'risk' | 'trend';
export type ExportFormat = 'csv' | 'geojson' | 'parquet';

export interface AnalystApi {
  heat(query: HeatQuery, signal?: AbortSignal): Promise<HeatCell[]>;
  roads(signal?: AbortSignal): Promise<RoadFeature[]>;
  rivers(signal?: AbortSignal): Promise<RiverFeature[]>;
  /** Building footprints in a box [minLon, minLat, maxLon, maxLat]. */
  buildings(bbox: [number, number, number, number], signal?: AbortSignal): Promise<BuildingFeature[]>;
  risk(query: RiskQuery, signal?: AbortSignal): Promise<RiskArea[]>;
  trend(unit: string, by: Granularity, signal?: AbortSignal): Promise<TrendAnswer>;
  forecast(unit: string, by: Granularity, signal?: AbortSignal): Promise<ForecastAnswer>;
  /** The link that downloads `dataset` as `format`, with the query of what the page shows (audited on the server). */
  exportUrl(dataset: ExportDataset, format: ExportFormat, query: Record<string, string | number | undefined>): string;
}

/** A query as URL text, absent values left out, in the caller's order. */
export function searchOf(query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined);
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

export function analystApi(client: Client, base: string, fetcher: typeof fetch | undefined): AnalystApi {
  const getJson = async <T>(path: string, query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    bodyOf<T>(
      await (fetcher ?? fetch)(`${base}${path}?${searchOf(query)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        signal,
      }),
    );
  return {
    heat: ({ res, ...q }, signal) =>
      call(client.stats.events.h3.$get({ query: { res: String(res) as '7' | '8' | '9', ...q } }, withSignal(signal))),
    roads: async (signal) => (await call(client.layers.roads.$get({ query: {} }, withSignal(signal)))).features,
    rivers: async (signal) => (await call(client.layers.rivers.$get({ query: {} }, withSignal(signal)))).features,
    buildings: async (bbox, signal) =>
      (await call(client.layers.buildings.$get({ query: { bbox: bbox.join(',') } }, withSignal(signal)))).features,
    risk: (q, signal) => getJson<RiskArea[]>('/risk', { ...q }, signal),
    trend: (unit, by, signal) => getJson<TrendAnswer>('/stats/events/trend', { unit, by }, signal),
    forecast: (unit, by, signal) => getJson<ForecastAnswer>('/stats/events/forecast', { unit, by }, signal),
    exportUrl: (dataset, format, query) =>
      `${base}${client.analytics.export.$path()}?${searchOf({ dataset, format, ...query })}`,
  };
}
