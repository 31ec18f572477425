// What the analyst's workspace (/analyst) calls: the basemap's layers, the case heat per H3 cell, the
// risk ranking, a unit's trends and forecast, and the export links, every answer typed from the
// server's routes (docs/adr/0005-typed-api-client.md).
import { RISK_FACTORS, type RiskFactor } from '@domain/risk/factors';
import type { RiskLevel } from '@domain/risk/levels';
import { type Client, call, type Ok, withSignal } from './rpc';

export { RISK_FACTORS, type RiskFactor, type RiskLevel };

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

/** GET /api/risk: one area's score and the factors it is the sum of. */
export type RiskArea = Ok<Client['risk']['$get']>[number];
export interface RiskQuery {
  level: RiskLevel;
  top: number;
  at?: string;
  within?: string;
}

export type Granularity = 'week' | 'month';
/** GET /api/stats/events/trend and /forecast: a unit's cases per period, and ahead. */
export type TrendAnswer = Ok<Client['stats']['events']['trend']['$get']>;
export type ForecastAnswer = Ok<Client['stats']['events']['forecast']['$get']>;

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

export function analystApi(client: Client, base: string): AnalystApi {
  return {
    heat: ({ res, ...q }, signal) =>
      call(client.stats.events.h3.$get({ query: { res: String(res) as '7' | '8' | '9', ...q } }, withSignal(signal))),
    roads: async (signal) => (await call(client.layers.roads.$get({ query: {} }, withSignal(signal)))).features,
    rivers: async (signal) => (await call(client.layers.rivers.$get({ query: {} }, withSignal(signal)))).features,
    buildings: async (bbox, signal) =>
      (await call(client.layers.buildings.$get({ query: { bbox: bbox.join(',') } }, withSignal(signal)))).features,
    risk: ({ level, top, at, within }, signal) =>
      call(client.risk.$get({ query: { level, top: String(top), at, within } }, withSignal(signal))),
    trend: (unit, by, signal) => call(client.stats.events.trend.$get({ query: { unit, by } }, withSignal(signal))),
    forecast: (unit, by, signal) =>
      call(client.stats.events.forecast.$get({ query: { unit, by } }, withSignal(signal))),
    exportUrl: (dataset, format, query) =>
      `${base}${client.analytics.export.$path()}?${searchOf({ dataset, format, ...query })}`,
  };
}
