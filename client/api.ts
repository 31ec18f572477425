// The only place the client talks HTTP. Pages and layers receive a `TwinApi` and never call fetch
// themselves. An HTTP error (always JSON `{ error: { code, message } }`) reaches callers as an
// `ApiError` with that code. Response types come from the server's own definitions (type imports only).
//
// Plain fetch for now: server/app.ts exports AppType, but its layer routes are built by a helper
// whose `path: string` parameter widens every route path to `string`, which makes hc<AppType> unusable
// (no `client.overview`, all schemas merged). Once that helper keeps the path literal, implement
// createApi with hc<AppType>(`${origin}/api`) and infer these types from it.
import type { z } from '@hono/zod-openapi';
import type { AdminUnit } from '@domain/model';
import type { Feature, FeatureCollection } from '@domain/geojson';
import type { PrincipalSchema } from '../server/routes/auth';
import type { OverviewSchema } from '../server/routes/overview';

/** GET /api/overview: the platform at a glance (平台概况). */
export type Overview = z.infer<typeof OverviewSchema>;

/** Properties of a boundary feature of GET /api/layers/grids. */
export type GridProperties = Pick<AdminUnit, 'id' | 'code' | 'name' | 'level' | 'area' | 'parentId'> & { areaM2?: number };
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

/** The signed-in user (GET /api/auth/me). */
export type SignedInUser = z.infer<typeof PrincipalSchema>;

export interface TwinApi {
  overview(signal?: AbortSignal): Promise<Overview>;
  grids(query?: GridQuery, signal?: AbortSignal): Promise<GridFeatureCollection>;
  /** The signed-in user, or null when nobody is. */
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
  return request<T>(url, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
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

/** A TwinApi against the server at `origin` ('' = the page's own origin). */
export function createApi(origin = ''): TwinApi {
  return {
    overview: (signal) => getJson<Overview>(`${origin}/api/overview`, signal),
    grids: (query = {}, signal) => getJson<GridFeatureCollection>(`${origin}/api/layers/grids${queryString(query)}`, signal),
    me: async (signal) => (await getJson<{ user: SignedInUser | null }>(`${origin}/api/auth/me`, signal)).user,
    login: async (username, password) => (await postJson<{ user: SignedInUser }>(`${origin}/api/auth/login`, { username, password })).user,
    logout: async () => {
      await postJson(`${origin}/api/auth/logout`, {});
    },
  };
}

export const api: TwinApi = createApi();
