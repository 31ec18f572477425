// The HTTP application: every API route under /api, the OpenAPI document, and (when given) the
// built client. `AppType` is what the client's typed RPC client (`hc<AppType>`) is built from.
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Deps } from './routes/deps';
import { errorJson, notFound, onError, validationHook } from './routes/errors';
import { gridRoutes } from './routes/grids';
import { healthRoutes } from './routes/health';
import { layerRoutes } from './routes/layers';
import { overviewRoutes } from './routes/overview';

export interface AppOptions {
  /** The built client (dist/client); when absent only the API is served. */
  clientDir?: string;
}

export const API_VERSION = '0.1.0';

function apiRoutes(deps: Deps) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .route('/', healthRoutes(deps))
    .route('/', overviewRoutes(deps))
    .route('/', layerRoutes(deps))
    .route('/', gridRoutes(deps));
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const api = apiRoutes(deps);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: { title: 'Wendu Twin API (文都e家 数字孪生)', version: API_VERSION, description: 'Grid governance and digital twin of Tongcheng. Coordinates are WGS84, longitude first.' },
  });
  api.notFound(notFound);

  const app = new OpenAPIHono({ defaultHook: validationHook });
  // Layers run to megabytes of GeoJSON; gzip cuts them about tenfold.
  app.use('/api/*', compress());
  app.route('/api', api);
  app.onError(onError);

  if (options.clientDir && existsSync(options.clientDir)) {
    const root = relative(process.cwd(), resolve(options.clientDir)) || '.';
    app.use('/*', serveStatic({ root }));
    // The pages are routed in the browser: /screen, /analyst, ... all get index.html.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  app.notFound((c) => (c.req.path.startsWith('/api/') ? notFound(c) : errorJson(c, 404, 'not_found', `Nothing at ${c.req.path}`)));
  return app;
}

export type AppType = ReturnType<typeof apiRoutes>;
