// The routes the serving benchmark loads: every GET of the OpenAPI document, path parameters filled
// with records of the dataset. Left out, and said so: the live stream (not a request/response), the
// residents' CSV export (each read writes an audit row) and routes the centre seat may not read.
export type RouteKind = 'floor' | 'layer' | 'aggregate' | 'read';

export interface BenchRoute {
  /** The OpenAPI path, e.g. /grids/{id}. */
  route: string;
  /** What is requested, under /api. */
  path: string;
  kind: RouteKind;
}

const QUERIES: Record<string, string> = {
  '/events': 'limit=50',
  '/search': `q=${encodeURIComponent('文昌')}`,
  '/cameras/covering': 'lon=116.95&lat=31.05',
  '/sensors/{id}/series': 'hours=24',
  '/assessment': 'period=2025&level=subdistrict',
};
const LEFT_OUT: Record<string, string> = {
  '/live': 'Server-Sent Events: a stream, not a request/response',
  '/residents/export.csv': 'every export writes an audit row',
  '/analytics/export': 'every export writes an audit row',
  '/openapi.json': 'the document itself',
};

function kindOf(route: string): RouteKind {
  if (route === '/health') return 'floor';
  // The sensors' latest states are the map's sensor layer (one answer per second of readings at most).
  if (route.startsWith('/layers/') || route === '/sensors/state') return 'layer';
  if (
    route === '/overview' ||
    route.startsWith('/stats/') ||
    route === '/grids/{id}' ||
    route === '/assessment' ||
    route === '/risk' ||
    route === '/credit/stats'
  )
    return 'aggregate';
  return 'read';
}

export async function benchRoutes(
  origin: string,
  cookie: string,
): Promise<{ routes: BenchRoute[]; leftOut: { route: string; why: string }[] }> {
  const get = async (path: string) => {
    const res = await fetch(`${origin}/api${path}`, { headers: { cookie } });
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : null };
  };
  const doc = (await get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  type Listing = { features?: { id: string }[]; events?: { id: string }[]; residents?: { id: string }[] };
  const first = async (path: string, pick: (body: Listing & { id: string }[]) => string | undefined) =>
    pick((await get(path)).body as Listing & { id: string }[]);
  const ids: Record<string, string | undefined> = {
    '/grids/{id}': await first('/layers/grids?level=community', (b) => b?.features?.[0]?.id),
    '/events/{id}': await first('/events?limit=1', (b) => b?.events?.[0]?.id),
    '/sensors/{id}': await first('/layers/sensors', (b) => b?.features?.[0]?.id),
    '/alarms/{id}': await first('/alarms?limit=1', (b) => b?.[0]?.id),
    '/residents/{id}': await first('/residents?limit=1', (b) => b?.residents?.[0]?.id),
    '/buildings/{id}': await first('/layers/buildings?use=public', (b) => b?.features?.[0]?.id),
  };
  ids['/sensors/{id}/series'] = ids['/sensors/{id}'];
  // Queries that name a record or a span: a community's trend and forecast, the last 30 days' heat,
  // the riskiest grids.
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const queries: Record<string, string> = {
    ...QUERIES,
    '/risk': 'level=grid',
    '/stats/events/h3': `from=${day(Date.now() - 30 * 86_400_000)}&to=${day(Date.now())}`,
    ...(ids['/grids/{id}'] && {
      '/stats/events/trend': `unit=${ids['/grids/{id}']}&by=week`,
      '/stats/events/forecast': `unit=${ids['/grids/{id}']}&by=week`,
    }),
  };
  const routes: BenchRoute[] = [];
  const leftOut: { route: string; why: string }[] = [];
  for (const route of Object.keys(doc.paths).sort()) {
    if (!doc.paths[route]!.get) continue;
    if (LEFT_OUT[route]) {
      leftOut.push({ route, why: LEFT_OUT[route]! });
      continue;
    }
    let path = route;
    if (route.includes('{')) {
      const id = ids[route];
      if (!id) {
        leftOut.push({ route, why: 'no record of the dataset to ask for' });
        continue;
      }
      path = route.replace(/\{[^}]+\}/, encodeURIComponent(id));
    }
    if (queries[route]) path += `?${queries[route]}`;
    const { status } = await get(path);
    if (status !== 200) {
      leftOut.push({ route, why: `the centre seat gets ${status}` });
      continue;
    }
    routes.push({ route, path, kind: kindOf(route) });
  }
  return { routes, leftOut };
}
