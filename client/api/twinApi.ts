// The only place the client talks HTTP. Pages and layers receive a `TwinApi` and never call fetch
// themselves. Every call goes through Hono's typed RPC client (`hc<AppType>`), and every response
// type below is inferred from the server's routes (their zod response schemas); none is written by
// hand here. An HTTP error (always JSON `{ error: { code, message } }`) reaches callers as an
// `ApiError` with that code. See docs/adr/0005-typed-api-client.md.

import type { LonLat } from '@domain/model';
import { hc } from 'hono/client';
import type { AppType } from '../../server/app';
import { type AccountsApi, accountsApi, type SecondFactor } from './accountsApi';
import { type AnalystApi, analystApi } from './analystApi';
import { ApiError, type FieldProblem } from './apiError';
import { type CasesApi, casesApi } from './casesApi';
import { type CreditApi, creditApi } from './creditApi';
import { type LeaderDaysApi, leaderDaysApi } from './leaderDaysApi';
import { type LiveHandlers, type LiveSubscription, sharedLive } from './liveStream';
import { type Client, call, type Ok, param, withSignal } from './rpc';

export type { LiveEvent } from '@domain/live';
export type { SensorState } from '@domain/sensorState';
export type { FieldProblem, LiveHandlers, LiveSubscription };
export { ApiError };

/** GET /api/overview: the platform at a glance (平台概况). */
export type Overview = Ok<Client['overview']['$get']>;

/** GET /api/layers/grids: boundaries of the administrative and grid tree. */
export type GridFeatureCollection = Ok<Client['layers']['grids']['$get']>;
export type GridFeature = GridFeatureCollection['features'][number];
export type GridProperties = GridFeature['properties'];

/** A point layer's feature: the record's properties, a GeoJSON Point (WGS84). */
export type ComponentFeature = Ok<Client['layers']['components']['$get']>['features'][number];
export type CameraFeature = Ok<Client['layers']['cameras']['$get']>['features'][number];
export type PatrolPointFeature = Ok<Client['layers']['patrol-points']['$get']>['features'][number];
export type SensorFeature = Ok<Client['layers']['sensors']['$get']>['features'][number];
/** GET /api/layers/viewpoints: one preset view (预设视角), the point it looks at and the camera's pose. */
export type ViewpointFeature = Ok<Client['layers']['viewpoints']['$get']>['features'][number];

/** A bounding box in degrees: [minLon, minLat, maxLon, maxLat]. */
export type BboxDeg = [number, number, number, number];

/** GET /api/layers/grids filters; none = every unit of the tree. */
export interface GridQuery {
  level?: GridProperties['level'];
  area?: NonNullable<GridProperties['area']>;
  parentId?: string;
  bbox?: BboxDeg;
}

/** GET /api/events filters (scoped by the server to what the user may see). */
export interface EventQuery {
  open?: boolean;
  gridId?: string;
  limit?: number;
  offset?: number;
}

/** GET /api/events: a page of events in the user's scope, and how many there are in all. */
export type EventPage = Ok<Client['events']['$get']>;
export type EventRecord = EventPage['events'][number];
/** GET /api/events/{id}: one event in the user's scope with its workflow timeline. */
export type EventDetail = Ok<Client['events'][':id']['$get']>;

/** GET /api/grids/{id}: a unit's place in the tree and its six elements. */
export type UnitSummary = Ok<Client['grids'][':id']['$get']>;

/** GET /api/alarms/{id}: an alarm (告警); the live stream's `alarm` message carries the same record. */
export type Alarm = Ok<Client['alarms'][':id']['$get']>;

/** GET /api/sensors/state: every sensor with its latest state (null when never heard from). */
export type SensorStates = Ok<Client['sensors']['state']['$get']>;
/** GET /api/sensors/{id}: one sensor with its latest state, the units of what it measures and its open alarms. */
export type SensorDetail = Ok<Client['sensors'][':id']['$get']>;
/** GET /api/sensors/{id}/series: one point per minute with readings, oldest first (coverOpen: the share of readings open). */
export type SensorSeries = Ok<Client['sensors'][':id']['series']['$get']>;

/** GET /api/cameras/covering (视频联动): cameras covering a place, nearest first, and the best online one. */
export type CamerasCovering = Ok<Client['cameras']['covering']['$get']>;
/** One covering camera: how far, and the viewpoint that looks through it at the place. */
export type CameraCoverage = CamerasCovering['cameras'][number];

/** GET /api/buildings/{id}: a picked building's card (建筑信息), counts only. */
export type BuildingCard = Ok<Client['buildings'][':id']['$get']>;

/** GET /api/search: hits, best first. */
export type SearchHit = Ok<Client['search']['$get']>['hits'][number];

/** GET /api/stats/…: the big screen's statistics, each over a window of whole days. */
export type DailyEvents = Ok<Client['stats']['events']['daily']['$get']>;
export type EventsByCategory = Ok<Client['stats']['events']['by-category']['$get']>;
export type DepartmentRanking = Ok<Client['stats']['departments']['ranking']['$get']>;
export type StatsWindow = DailyEvents['window'];
export type DailyCount = DailyEvents['days'][number];
export type CategoryCount = EventsByCategory['categories'][number];
export type DepartmentRank = DepartmentRanking['departments'][number];

/** GET /api/risk: the riskiest areas of a level, each score (0–100) the sum of named factors. */
export type RiskRanking = Ok<Client['risk']['$get']>;
/** GET /api/risk's query: a level (admin or h3r8–10), how many, as of which day, inside which unit. */
export type RiskQuery = Parameters<Client['risk']['$get']>[0]['query'];

/** GET /api/auth/me: who is signed in (null: nobody), and what they must do before anything else. */
export type SessionState = Ok<Client['auth']['me']['$get']>;
/** The signed-in user, with role, scope and permissions. */
export type SignedInUser = NonNullable<SessionState['user']>;
/** POST /api/auth/login: the user, when the session ends, and what they must do first. */
export type SignInAnswer = Ok<Client['auth']['login']['$post']>;

export interface TwinApi {
  overview(signal?: AbortSignal): Promise<Overview>;
  grids(query?: GridQuery, signal?: AbortSignal): Promise<GridFeatureCollection>;
  components(signal?: AbortSignal): Promise<ComponentFeature[]>;
  cameras(signal?: AbortSignal): Promise<CameraFeature[]>;
  patrolPoints(signal?: AbortSignal): Promise<PatrolPointFeature[]>;
  sensors(signal?: AbortSignal): Promise<SensorFeature[]>;
  /** The preset views (the whole county, the old town, a new compound, a village, the river). */
  viewpoints(signal?: AbortSignal): Promise<ViewpointFeature[]>;
  /** Every sensor's latest state (GET /api/sensors/state); sensors never heard from have `state: null`. */
  sensorStates(signal?: AbortSignal): Promise<SensorStates>;
  events(query?: EventQuery, signal?: AbortSignal): Promise<EventPage>;
  /** Every open event in the user's scope, page by page (at most `max`). */
  openEvents(max: number, signal?: AbortSignal): Promise<EventRecord[]>;
  /** One event by id, whatever its status (404 when it is outside the user's scope). */
  event(id: string, signal?: AbortSignal): Promise<EventDetail>;
  alarms(limit: number, signal?: AbortSignal): Promise<Alarm[]>;
  alarm(id: string, signal?: AbortSignal): Promise<Alarm>;
  /** Raised → acknowledged (needs the 'cases' permission); 409 when it is no longer raised. */
  acknowledgeAlarm(id: string): Promise<Alarm>;
  sensor(id: string, signal?: AbortSignal): Promise<SensorDetail>;
  sensorSeries(id: string, hours: number, signal?: AbortSignal): Promise<SensorSeries>;
  /** Cameras whose field of view covers a place, nearest first; `best` is the nearest online one. */
  camerasCovering(place: LonLat, signal?: AbortSignal): Promise<Pick<CamerasCovering, 'best' | 'cameras'>>;
  unit(id: string, signal?: AbortSignal): Promise<UnitSummary>;
  /** The riskiest areas (GET /api/risk), riskiest first. */
  risk(query: RiskQuery, signal?: AbortSignal): Promise<RiskRanking>;
  search(q: string, signal?: AbortSignal): Promise<SearchHit[]>;
  dailyEvents(days: number, signal?: AbortSignal): Promise<DailyEvents>;
  eventsByCategory(days: number, signal?: AbortSignal): Promise<EventsByCategory>;
  departmentRanking(days: number, signal?: AbortSignal): Promise<DepartmentRanking>;
  /**
   * The live stream (GET /api/live, Server-Sent Events), reconnecting by itself; close() ends this
   * subscription. Every subscriber of one api shares one connection.
   */
  live(handlers: LiveHandlers): LiveSubscription;
  building(id: string, signal?: AbortSignal): Promise<BuildingCard>;
  /** The city model's 3D Tiles (tileset.json); Cesium fetches it and its tiles, same-origin with the session cookie. */
  readonly buildingTilesetUrl: string;
  /** The signed-in user (null when nobody is) and what they must still do first. */
  me(signal?: AbortSignal): Promise<SessionState>;
  /** Signs in; an account with a second factor needs its code (or a recovery code), else 401 totp_required. */
  login(username: string, password: string, factor?: SecondFactor): Promise<SignInAnswer>;
  logout(): Promise<void>;
  /** Accounts: administration (role admin) and one's own password. */
  readonly accounts: AccountsApi;
  /** The case workflow: inboxes, dossiers, actions (the desk). */
  readonly cases: CasesApi;
  /** The analyst's workspace: heat, basemap, risk, trends, exports. */
  readonly analyst: AnalystApi;
  /** The leader scheduling day (市级领导调度日): agenda, instructions, follow-up. */
  readonly leaderDays: LeaderDaysApi;
  /** Resident credit points (信用积分): rules, queues, a record's steps, a resident's archive. */
  readonly credit: CreditApi;
}

// Queries as the URL carries them, in the caller's order; absent filters stay absent.

/** The query of GET /api/layers/grids: the bbox as `minLon,minLat,maxLon,maxLat`. */
export function gridSearch(query: GridQuery) {
  return { ...query, bbox: query.bbox?.join(',') };
}

/** The query of GET /api/events: booleans and numbers as text. */
export function eventSearch(query: EventQuery) {
  return { ...query, open: flag(query.open), limit: text(query.limit), offset: text(query.offset) };
}

const text = (n: number | undefined) => (n === undefined ? undefined : String(n));
const flag = (b: boolean | undefined) => (b === undefined ? undefined : b ? ('true' as const) : ('false' as const));

/**
 * A TwinApi against the server at `origin` ('' = the page's own origin). Each call's body is typed by
 * the route it calls; a non-2xx answer is thrown as an ApiError. `fetcher` stands in for the global
 * fetch (tests).
 */
export function createApi(origin = '', fetcher?: typeof fetch): TwinApi {
  const base = `${origin}/api`;
  const client = hc<AppType>(base, {
    fetch: fetcher,
    headers: { accept: 'application/json' },
    init: { credentials: 'same-origin' },
  });
  // EventSource and Cesium fetch these themselves; $path() still checks the route exists.
  const live = sharedLive(`${base}${client.live.$path()}`);

  const api: TwinApi = {
    overview: (signal) => call(client.overview.$get(undefined, withSignal(signal))),
    building: (id, signal) => call(client.buildings[':id'].$get({ param: param(id) }, withSignal(signal))),
    buildingTilesetUrl: `${base}/tiles/tileset.json`,
    grids: (query = {}, signal) => call(client.layers.grids.$get({ query: gridSearch(query) }, withSignal(signal))),
    components: async (signal) =>
      (await call(client.layers.components.$get({ query: {} }, withSignal(signal)))).features,
    cameras: async (signal) => (await call(client.layers.cameras.$get({ query: {} }, withSignal(signal)))).features,
    patrolPoints: async (signal) =>
      (await call(client.layers['patrol-points'].$get({ query: {} }, withSignal(signal)))).features,
    sensors: async (signal) => (await call(client.layers.sensors.$get({ query: {} }, withSignal(signal)))).features,
    viewpoints: async (signal) =>
      (await call(client.layers.viewpoints.$get({ query: {} }, withSignal(signal)))).features,
    sensorStates: (signal) => call(client.sensors.state.$get({ query: {} }, withSignal(signal))),
    events: (query = {}, signal) => call(client.events.$get({ query: eventSearch(query) }, withSignal(signal))),
    openEvents: async (max, signal) => {
      const all: EventRecord[] = [];
      for (let offset = 0; offset < max; offset += 500) {
        const page = await api.events({ open: true, limit: Math.min(500, max - offset), offset }, signal);
        all.push(...page.events);
        if (all.length >= page.total || page.events.length === 0) break;
      }
      return all;
    },
    event: (id, signal) => call(client.events[':id'].$get({ param: param(id) }, withSignal(signal))),
    alarms: (limit, signal) => call(client.alarms.$get({ query: { limit: text(limit) } }, withSignal(signal))),
    alarm: (id, signal) => call(client.alarms[':id'].$get({ param: param(id) }, withSignal(signal))),
    acknowledgeAlarm: (id) => call(client.alarms[':id'].acknowledge.$post({ param: param(id) })),
    sensor: (id, signal) => call(client.sensors[':id'].$get({ param: param(id) }, withSignal(signal))),
    sensorSeries: (id, hours, signal) =>
      call(client.sensors[':id'].series.$get({ param: param(id), query: { hours: text(hours) } }, withSignal(signal))),
    camerasCovering: ([lon, lat], signal) =>
      call(client.cameras.covering.$get({ query: { lon: text(lon), lat: text(lat) } }, withSignal(signal))),
    unit: (id, signal) => call(client.grids[':id'].$get({ param: param(id) }, withSignal(signal))),
    risk: (query, signal) => call(client.risk.$get({ query }, withSignal(signal))),
    search: async (q, signal) => (await call(client.search.$get({ query: { q } }, withSignal(signal)))).hits,
    dailyEvents: (days, signal) =>
      call(client.stats.events.daily.$get({ query: { days: text(days) } }, withSignal(signal))),
    eventsByCategory: (days, signal) =>
      call(client.stats.events['by-category'].$get({ query: { days: text(days) } }, withSignal(signal))),
    departmentRanking: (days, signal) =>
      call(client.stats.departments.ranking.$get({ query: { days: text(days) } }, withSignal(signal))),
    live,
    me: (signal) => call(client.auth.me.$get(undefined, withSignal(signal))),
    login: (username, password, factor) => call(client.auth.login.$post({ json: { username, password, ...factor } })),
    logout: async () => {
      await call(client.auth.logout.$post());
    },
    accounts: accountsApi(client, base, fetcher),
    cases: casesApi(client),
    analyst: analystApi(client, base),
    leaderDays: leaderDaysApi(client),
    credit: creditApi(client),
  };
  return api;
}

export const api: TwinApi = createApi();
