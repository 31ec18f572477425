// The only place the client talks HTTP. Pages and layers receive a `TwinApi` and never call fetch
// themselves. An HTTP error (always JSON `{ error: { code, message } }`) reaches callers as an
// `ApiError` with that code. Response types come from the server's own definitions (type imports only).
//
// Plain fetch for now: server/app.ts exports AppType, but its layer routes are built by a helper
// whose `path: string` parameter widens every route path to `string`, which makes hc<AppType> unusable
// (no `client.overview`, all schemas merged). Once that helper keeps the path literal, implement
// createApi with hc<AppType>(`${origin}/api`) and infer these types from it.

import type { Viewpoint } from '@domain/cameraCoverage';
import type { Feature, FeatureCollection } from '@domain/geojson';
import type {
  AdminUnit,
  Camera,
  CityComponent,
  EventStep,
  GovEvent,
  LonLat,
  PatrolPoint,
  Sensor,
  SensorKind,
} from '@domain/model';
import type { z } from '@hono/zod-openapi';
import type { PrincipalSchema } from '../../server/routes/auth';
import type { BuildingCardSchema } from '../../server/routes/buildings';
import type { OverviewSchema } from '../../server/routes/overview';
import type { Alarm } from '../../server/store/alarms';
import type { CategoryCount, DailyCount, DepartmentRank, StatsWindow } from '../../server/store/eventStats';
import type { SearchHit } from '../../server/store/search';
import type { SensorState } from '../../server/store/sensorState';
import { reconnectDelayMs } from './liveBackoff';

/** GET /api/overview: the platform at a glance (平台概况). */
export type Overview = z.infer<typeof OverviewSchema>;

/** Properties of a boundary feature of GET /api/layers/grids. */
export type GridProperties = Pick<AdminUnit, 'id' | 'code' | 'name' | 'level' | 'area' | 'parentId'> & {
  areaM2?: number;
};
export type GridFeature = Feature<GridProperties>;
export type GridFeatureCollection = FeatureCollection<GridProperties>;

/** A bounding box in degrees: [minLon, minLat, maxLon, maxLat]. */
export type BboxDeg = [number, number, number, number];

/** GET /api/layers/grids filters; none = every unit of the tree. */
export interface GridQuery {
  level?: AdminUnit['level'];
  area?: NonNullable<AdminUnit['area']>;
  parentId?: string;
  bbox?: BboxDeg;
}

/** A point layer's feature: the record's properties, a GeoJSON Point (WGS84). */
export type PointFeature<P> = Feature<P>;
export type ComponentFeature = PointFeature<Omit<CityComponent, 'position'>>;
export type CameraFeature = PointFeature<Omit<Camera, 'position'>>;
export type PatrolPointFeature = PointFeature<Omit<PatrolPoint, 'position'>>;
export type SensorFeature = PointFeature<Omit<Sensor, 'position'>>;
export type { Alarm, CategoryCount, DailyCount, DepartmentRank, SearchHit, SensorState, StatsWindow };

/** GET /api/events filters (scoped by the server to what the user may see). */
export interface EventQuery {
  open?: boolean;
  gridId?: string;
  limit?: number;
  offset?: number;
}

/** GET /api/grids/:id: a unit's place in the tree and its six elements (only the parts the client reads are typed). */
export interface UnitSummary {
  id: string;
  name: string;
  level: AdminUnit['level'];
  ancestors: { id: string; name: string; level: string }[];
  children: { id: string; name: string; level: string }[];
  people: { households: number; residents: number };
  places: { buildings: number };
  events: { total: number; open: number; closed: number; overdue: number; last30Days: number };
  things: { components: number; cameras: number; camerasOnline: number; patrolPoints: number; sensors: number };
}

/** GET /api/events/{id}: one event in the user's scope with its workflow timeline. */
export type EventDetail = GovEvent & { steps: EventStep[] };

/** A new workflow event as the live stream announces it (a subset of the event record). */
export type LiveEvent = Pick<
  GovEvent,
  | 'id'
  | 'itemCode'
  | 'source'
  | 'gridId'
  | 'position'
  | 'reportedAt'
  | 'deadlineAt'
  | 'departmentId'
  | 'status'
  | 'description'
> & { alarmId?: string };

/** What the live stream delivers; every handler is optional. */
export interface LiveHandlers {
  /** The stream is (re)connected: reload whatever state it replaces. */
  onReady?(): void;
  /** Changed sensor states, at most one message a second. */
  onSensors?(states: SensorState[]): void;
  onAlarm?(alarm: Alarm): void;
  onEvent?(event: LiveEvent): void;
  /** Connected or not (for a status light). */
  onConnection?(connected: boolean): void;
}

/** GET /api/sensors/{id}: one sensor with its latest state, the units of what it measures and its open alarms. */
export interface SensorDetail {
  id: string;
  kind: SensorKind;
  position: LonLat;
  gridId: string;
  componentId: string | null;
  state: Omit<SensorState, 'deviceId'> | null;
  metrics: { metric: string; unit: string; min: number; max: number; zh: string }[];
  openAlarms: Alarm[];
}

/** GET /api/sensors/{id}/series: one point per minute with readings, oldest first (coverOpen: the share of readings open). */
export interface SensorSeries {
  id: string;
  from: string;
  metrics: string[];
  points: { t: string; samples: number; values: Record<string, { avg: number; min: number; max: number } | number> }[];
}

/** One camera of GET /api/cameras/covering (视频联动): how far, and the viewpoint that looks through it at the place. */
export interface CameraCoverage {
  id: string;
  code: string;
  owner: string;
  online: boolean;
  position: LonLat;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  distanceM: number;
  bearingDeg: number;
  offAxisDeg: number;
  viewpoint: Viewpoint;
}

/** GET /api/buildings/{id}: a picked building's card (建筑信息), counts only. */
export type BuildingCard = z.infer<typeof BuildingCardSchema>;

/** The signed-in user (GET /api/auth/me). */
export type SignedInUser = z.infer<typeof PrincipalSchema>;

export interface TwinApi {
  overview(signal?: AbortSignal): Promise<Overview>;
  grids(query?: GridQuery, signal?: AbortSignal): Promise<GridFeatureCollection>;
  /** The signed-in user, or null when nobody is. */
  components(signal?: AbortSignal): Promise<ComponentFeature[]>;
  cameras(signal?: AbortSignal): Promise<CameraFeature[]>;
  patrolPoints(signal?: AbortSignal): Promise<PatrolPointFeature[]>;
  sensors(signal?: AbortSignal): Promise<SensorFeature[]>;
  /** Every sensor's latest state (GET /api/sensors/state); sensors never heard from have `state: null`. */
  sensorStates(signal?: AbortSignal): Promise<{ id: string; state: Omit<SensorState, 'deviceId'> | null }[]>;
  events(query?: EventQuery, signal?: AbortSignal): Promise<{ total: number; events: GovEvent[] }>;
  /** Every open event in the user's scope, page by page (at most `max`). */
  openEvents(max: number, signal?: AbortSignal): Promise<GovEvent[]>;
  /** One event by id, whatever its status (404 when it is outside the user's scope). */
  event(id: string, signal?: AbortSignal): Promise<EventDetail>;
  alarms(limit: number, signal?: AbortSignal): Promise<Alarm[]>;
  alarm(id: string, signal?: AbortSignal): Promise<Alarm>;
  /** Raised → acknowledged (needs the 'cases' permission); 409 when it is no longer raised. */
  acknowledgeAlarm(id: string): Promise<Alarm>;
  sensor(id: string, signal?: AbortSignal): Promise<SensorDetail>;
  sensorSeries(id: string, hours: number, signal?: AbortSignal): Promise<SensorSeries>;
  /** Cameras whose field of view covers a place, nearest first; `best` is the nearest online one. */
  camerasCovering(
    place: LonLat,
    signal?: AbortSignal,
  ): Promise<{ best: CameraCoverage | null; cameras: CameraCoverage[] }>;
  unit(id: string, signal?: AbortSignal): Promise<UnitSummary>;
  search(q: string, signal?: AbortSignal): Promise<SearchHit[]>;
  dailyEvents(days: number, signal?: AbortSignal): Promise<{ window: StatsWindow; days: DailyCount[] }>;
  eventsByCategory(days: number, signal?: AbortSignal): Promise<{ window: StatsWindow; categories: CategoryCount[] }>;
  departmentRanking(
    days: number,
    signal?: AbortSignal,
  ): Promise<{ window: StatsWindow; departments: DepartmentRank[] }>;
  /**
   * The live stream (GET /api/live, Server-Sent Events), reconnecting by itself; close() ends this
   * subscription. Every subscriber of one api shares one connection.
   */
  live(handlers: LiveHandlers): { close(): void };
  building(id: string, signal?: AbortSignal): Promise<BuildingCard>;
  /** The city model's 3D Tiles (tileset.json); Cesium fetches it and its tiles, same-origin with the session cookie. */
  readonly buildingTilesetUrl: string;
  me(signal?: AbortSignal): Promise<SignedInUser | null>;
  login(username: string, password: string): Promise<SignedInUser>;
  logout(): Promise<void>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return request<T>(url, { signal, headers: { accept: 'application/json' } });
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, credentials: 'same-origin' });
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  throw new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? `${response.status} ${response.statusText} (${url})`,
  );
}

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * GET /api/live as Server-Sent Events. EventSource retries dropped connections by itself, but gives
 * up on an HTTP error (503 when the server runs no ingest, 401 after a restart); then this waits with
 * a growing delay (reconnectDelayMs) and opens a new one, for as long as the page lives.
 */
function connectLive(url: string, handlers: LiveHandlers): { close(): void } {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;
  const parse = <T>(e: MessageEvent, use: (value: T) => void) => {
    try {
      use(JSON.parse(e.data as string) as T);
    } catch {
      // a malformed message is skipped; the stream goes on
    }
  };
  const open = () => {
    if (closed) return;
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('ready', () => {
      failures = 0;
      handlers.onConnection?.(true);
      handlers.onReady?.();
    });
    source.addEventListener('sensors', (e) => parse<SensorState[]>(e, (v) => handlers.onSensors?.(v)));
    source.addEventListener('alarm', (e) => parse<Alarm>(e, (v) => handlers.onAlarm?.(v)));
    source.addEventListener('event', (e) => parse<LiveEvent>(e, (v) => handlers.onEvent?.(v)));
    source.onerror = () => {
      handlers.onConnection?.(false);
      if (source?.readyState !== EventSource.CLOSED) return; // the browser is retrying itself
      source = null;
      timer = setTimeout(open, reconnectDelayMs(failures++));
    };
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
      source = null;
    },
  };
}

/**
 * One connection for every subscriber (a page's twin and its panels), opened with the first and
 * closed with the last. A subscriber that joins an open stream hears `onConnection(true)` and
 * `onReady()` at once, as if it had connected itself.
 */
function sharedLive(url: string): (handlers: LiveHandlers) => { close(): void } {
  const subscribers = new Set<LiveHandlers>();
  let connection: { close(): void } | null = null;
  let ready = false;
  const each = (call: (h: LiveHandlers) => void) => [...subscribers].forEach(call);
  return (handlers) => {
    subscribers.add(handlers);
    if (!connection) {
      connection = connectLive(url, {
        onReady: () => ((ready = true), each((h) => h.onReady?.())),
        onSensors: (v) => each((h) => h.onSensors?.(v)),
        onAlarm: (v) => each((h) => h.onAlarm?.(v)),
        onEvent: (v) => each((h) => h.onEvent?.(v)),
        onConnection: (c) => ((ready &&= c), each((h) => h.onConnection?.(c))),
      });
    } else if (ready) {
      queueMicrotask(() => {
        if (!subscribers.has(handlers)) return;
        handlers.onConnection?.(true);
        handlers.onReady?.();
      });
    }
    return {
      close() {
        if (!subscribers.delete(handlers) || subscribers.size > 0) return;
        connection?.close();
        connection = null;
        ready = false;
      },
    };
  };
}

/** A TwinApi against the server at `origin` ('' = the page's own origin). */
export function createApi(origin = ''): TwinApi {
  const live = sharedLive(`${origin}/api/live`);
  return {
    overview: (signal) => getJson<Overview>(`${origin}/api/overview`, signal),
    building: (id, signal) => getJson<BuildingCard>(`${origin}/api/buildings/${encodeURIComponent(id)}`, signal),
    buildingTilesetUrl: `${origin}/api/tiles/tileset.json`,
    grids: (query = {}, signal) =>
      getJson<GridFeatureCollection>(`${origin}/api/layers/grids${queryString(query)}`, signal),
    components: async (signal) =>
      (await getJson<FeatureCollection<ComponentFeature['properties']>>(`${origin}/api/layers/components`, signal))
        .features,
    cameras: async (signal) =>
      (await getJson<FeatureCollection<CameraFeature['properties']>>(`${origin}/api/layers/cameras`, signal)).features,
    patrolPoints: async (signal) =>
      (await getJson<FeatureCollection<PatrolPointFeature['properties']>>(`${origin}/api/layers/patrol-points`, signal))
        .features,
    sensors: async (signal) =>
      (await getJson<FeatureCollection<SensorFeature['properties']>>(`${origin}/api/layers/sensors`, signal)).features,
    sensorStates: (signal) => getJson(`${origin}/api/sensors/state`, signal),
    events: (query = {}, signal) => getJson(`${origin}/api/events${queryString(query)}`, signal),
    openEvents: async (max, signal) => {
      const all: GovEvent[] = [];
      for (let offset = 0; offset < max; offset += 500) {
        const page = await getJson<{ total: number; events: GovEvent[] }>(
          `${origin}/api/events${queryString({ open: true, limit: Math.min(500, max - offset), offset })}`,
          signal,
        );
        all.push(...page.events);
        if (all.length >= page.total || page.events.length === 0) break;
      }
      return all;
    },
    event: (id, signal) => getJson(`${origin}/api/events/${encodeURIComponent(id)}`, signal),
    alarms: (limit, signal) => getJson(`${origin}/api/alarms${queryString({ limit })}`, signal),
    alarm: (id, signal) => getJson(`${origin}/api/alarms/${encodeURIComponent(id)}`, signal),
    acknowledgeAlarm: (id) => postJson(`${origin}/api/alarms/${encodeURIComponent(id)}/acknowledge`, {}),
    sensor: (id, signal) => getJson(`${origin}/api/sensors/${encodeURIComponent(id)}`, signal),
    sensorSeries: (id, hours, signal) =>
      getJson(`${origin}/api/sensors/${encodeURIComponent(id)}/series${queryString({ hours })}`, signal),
    camerasCovering: ([lon, lat], signal) =>
      getJson(`${origin}/api/cameras/covering${queryString({ lon, lat })}`, signal),
    unit: (id, signal) => getJson(`${origin}/api/grids/${encodeURIComponent(id)}`, signal),
    search: async (q, signal) =>
      (await getJson<{ hits: SearchHit[] }>(`${origin}/api/search${queryString({ q })}`, signal)).hits,
    dailyEvents: (days, signal) => getJson(`${origin}/api/stats/events/daily${queryString({ days })}`, signal),
    eventsByCategory: (days, signal) =>
      getJson(`${origin}/api/stats/events/by-category${queryString({ days })}`, signal),
    departmentRanking: (days, signal) =>
      getJson(`${origin}/api/stats/departments/ranking${queryString({ days })}`, signal),
    live,
    me: async (signal) => (await getJson<{ user: SignedInUser | null }>(`${origin}/api/auth/me`, signal)).user,
    login: async (username, password) =>
      (await postJson<{ user: SignedInUser }>(`${origin}/api/auth/login`, { username, password })).user,
    logout: async () => {
      await postJson(`${origin}/api/auth/logout`, {});
    },
  };
}

export const api: TwinApi = createApi();
