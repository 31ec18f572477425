// The HTTP application: every API route under /api, the OpenAPI document, and (when given) the
// built client. `AppType` is what the client's typed RPC client is built from: `hc<AppType>` against
// `<origin>/api` in client/api/twinApi.ts (docs/adr/0005-typed-api-client.md).

import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { SESSION_COOKIE } from './auth/policy';
import { loadCreditRules, loadLeaderDayConfig, loadRiskConfig } from './config';
import { guard } from './http/access';
import { accessLog } from './http/accessLog';
import { AnswerCache } from './http/answerCache';
import { clientFiles } from './http/clientFiles';
import type { AppEnv } from './http/context';
import type { Deps, RouteDeps } from './http/deps';
import { errorJson, notFound, onError, validationHook } from './http/errors';
import { headers, limitBody, limitPhotoBody, sameOriginWrites, strictJson } from './http/hardening';
import type { Logger } from './ops/logger';
import type { Metrics } from './ops/metrics';
import { alarmRoutes } from './routes/alarms';
import { assessmentRoutes } from './routes/assessment';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { buildingRoutes } from './routes/buildings';
import { bulletinRoutes } from './routes/bulletins';
import { cameraRoutes } from './routes/cameras';
import { creditRoutes } from './routes/credit';
import { eventActionRoutes } from './routes/eventActions';
import { eventRoutes } from './routes/events';
import { exportRoutes } from './routes/exports';
import { gridRoutes } from './routes/grids';
import { groundRoutes } from './routes/ground';
import { healthRoutes } from './routes/health';
import { ingestRoutes } from './routes/ingest';
import { layerRoutes } from './routes/layers';
import { leaderDayRoutes } from './routes/leaderDays';
import { liveRoutes } from './routes/live';
import { metricsHandler } from './routes/metrics';
import { overviewRoutes } from './routes/overview';
import { photoRoutes } from './routes/photos';
import { residentRoutes } from './routes/residents';
import { riskRoutes } from './routes/risk';
import { searchRoutes } from './routes/search';
import { sensorRoutes } from './routes/sensors';
import { statsRoutes } from './routes/stats';
import { statsTrendRoutes } from './routes/statsTrends';
import { tileRoutes } from './routes/tiles';
import { totpRoutes } from './routes/totp';
import { userRoutes } from './routes/users';
import { whenCasesClose } from './store/caseWriter';
import { CREDIT_TABLES, proposeFromClosedCases } from './store/credit';

export interface AppOptions {
  /** The built client (dist/client); when absent only the API is served. */
  clientDir?: string;
  /** The access log and error log; absent: none (in-process tests). */
  log?: Logger;
  /** Prometheus metrics, served at /metrics; absent: no /metrics. */
  metrics?: Metrics;
  /** Opens /metrics to other machines with `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export const API_VERSION = '0.1.0';

function apiRoutes(deps: RouteDeps) {
  return (
    new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
      .route('/', healthRoutes(deps))
      .route('/', authRoutes(deps))
      .route('/', totpRoutes(deps))
      .route('/', overviewRoutes(deps))
      .route('/', layerRoutes(deps))
      .route('/', gridRoutes(deps))
      .route('/', searchRoutes(deps))
      .route('/', statsRoutes(deps))
      .route('/', statsTrendRoutes(deps))
      .route('/', residentRoutes(deps))
      .route('/', eventRoutes(deps))
      .route('/', eventActionRoutes(deps))
      .route('/', photoRoutes(deps))
      .route('/', assessmentRoutes(deps))
      .route('/', auditRoutes(deps))
      .route('/', userRoutes(deps))
      .route('/', sensorRoutes(deps))
      .route('/', alarmRoutes(deps))
      .route('/', cameraRoutes(deps))
      .route('/', ingestRoutes(deps))
      .route('/', liveRoutes(deps))
      .route('/', buildingRoutes(deps))
      .route('/', riskRoutes(deps))
      .route('/', exportRoutes(deps))
      .route('/', leaderDayRoutes(deps))
      .route('/', bulletinRoutes(deps))
      .route('/', creditRoutes(deps))
      // 3D Tiles: a file tree, kept out of the OpenAPI document
      .route('/', tileRoutes(deps))
      // the ground: raster tiles of land use, water and roads, and the terrain's heightmap tiles
      .route('/', groundRoutes(deps))
  );
}

export function createApp(appDeps: Deps, options: AppOptions = {}) {
  const deps: RouteDeps = {
    ...appDeps,
    answers: appDeps.answers ?? new AnswerCache(),
    risk: appDeps.risk ?? loadRiskConfig(),
    leaderDay: appDeps.leaderDay ?? loadLeaderDayConfig(),
    credit: appDeps.credit ?? loadCreditRules(),
    // `app` is made below; requests only arrive once it is
    inProcess: async (request) => app.fetch(request),
  };
  // A resident's report closed (结案) proposes their credit record, in the case writer's transaction.
  // Only a report of source 'resident' names its resident (events.reporter_resident_id, POST /api/events).
  whenCasesClose(deps.db, {
    concerns: (facts) => facts.source === 'resident',
    write: async (conn, ids, at) => ((await proposeFromClosedCases(conn, deps.credit, ids, at)) ? CREDIT_TABLES : []),
  });
  const api = apiRoutes(deps);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Wendu Twin API (文都e家 数字孪生)',
      version: API_VERSION,
      description: 'Grid governance and digital twin of Tongcheng. Coordinates are WGS84, longitude first.',
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  api.notFound(notFound);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  if (options.log) app.use('*', requestId(), accessLog(options.log, options.metrics));
  // Layers run to megabytes of GeoJSON; gzip cuts them about tenfold. Any answer may be compressed,
  // so every one varies by Accept-Encoding: said before the route answers, since compress() adding it
  // to a finished response makes @hono/node-server build a whole fetch Response for it.
  const compressed = compress();
  app.use('/api/*', (c, next) => {
    c.header('Vary', 'Accept-Encoding');
    return compressed(c, next);
  });
  app.use('*', headers);
  if (options.metrics) app.get('/metrics', metricsHandler(options.metrics, options.metricsToken ?? ''));
  app.use('/api/*', limitBody, sameOriginWrites, strictJson, guard(deps));
  if (deps.photos) app.use('/api/photos', limitPhotoBody(deps.photos.maxBytes));
  app.route('/api', api);
  app.onError(onError);

  if (options.clientDir && existsSync(options.clientDir)) {
    const { files, pages } = clientFiles(relative(process.cwd(), resolve(options.clientDir)) || '.');
    app.use('/*', files);
    // The pages are routed in the browser: /screen, /analyst, ... all get index.html.
    app.get('*', pages);
  }
  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? notFound(c) : errorJson(c, 404, 'not_found', `Nothing at ${c.req.path}`),
  );
  return app;
}

/**
 * The API under /api, with every route's path, request and response types. A route reaches the client
 * only as part of this one chain of `.route()` calls, each route module chaining its `.openapi()`
 * calls (a route registered in a separate statement drops out of the type).
 */
export type AppType = ReturnType<typeof apiRoutes>;
