// Exports of the analyst's aggregates (分析导出) as CSV, GeoJSON or Parquet: the heat per H3 cell, the
// risk per area, the trend series. The export asks the very route the page shows (in process, with the
// caller's own session, so its access rule, scope and cache apply unchanged), keeps only the dataset's
// columns, and writes an audit row before the file leaves. Parquet is written in JavaScript
// (hyparquet-writer): the store's DuckDB connection may not touch files (docs/adr/0011-parquet-exports.md).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { cellToBoundary, isValidCell } from 'h3-js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  type Column,
  DATASETS,
  EXPORT_DATASETS,
  EXPORT_FORMATS,
  type ExportGeometry,
  type ExportRow,
  toCsv,
  toGeoJson,
} from '../domain/aggregateExport';
import { accessFor } from '../http/access';
import { auditedCaller } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { RouteDeps } from '../http/deps';
import { ApiError, errorResponses, validationHook } from '../http/errors';
import { listAdminUnits } from '../store/adminUnits';
import { appendAudit } from '../store/audit';

const passOn = z.string().max(40).optional();
const ExportQuery = z.object({
  dataset: z
    .enum(EXPORT_DATASETS)
    .openapi({ description: 'heat: cases per H3 cell; risk: score per area; trend: cases per period and category' }),
  format: z.enum(EXPORT_FORMATS),
  // passed on to the dataset's route as they are; that route validates them
  res: passOn.openapi({ description: 'heat: H3 resolution (7, 8, 9)' }),
  from: passOn.openapi({ description: 'heat: first day' }),
  to: passOn.openapi({ description: 'heat: last day' }),
  within: passOn.openapi({ description: 'heat, risk: a unit of the tree' }),
  category: passOn.openapi({ description: 'heat: a taxonomy category' }),
  level: passOn.openapi({ description: 'risk: the areas ranked' }),
  top: passOn.openapi({ description: 'risk: how many' }),
  at: passOn.openapi({ description: 'risk: the day' }),
  unit: passOn.openapi({ description: 'trend: the unit' }),
  by: passOn.openapi({ description: 'trend: week or month' }),
});

const exportRoute = createRoute({
  method: 'get',
  path: '/analytics/export',
  tags: ['analytics'],
  summary: 'What the analyst sees, aggregated only, as CSV, GeoJSON or Parquet (audited)',
  request: { query: ExportQuery },
  responses: {
    200: {
      description: "The dataset's rows; one feature per row in GeoJSON (H3 cells and units with their shape)",
      content: {
        'text/csv': { schema: z.string() },
        'application/geo+json': {
          schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
        },
        'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses,
  },
});

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  parquet: 'application/vnd.apache.parquet',
} as const;

export function exportRoutes(deps: RouteDeps) {
  const { db, now } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(exportRoute, async (c) => {
    const { dataset, format, ...rest } = c.req.valid('query');
    const spec = DATASETS[dataset];
    const query = new URLSearchParams();
    for (const p of spec.params) {
      const v = rest[p as keyof typeof rest];
      if (v !== undefined) query.set(p, v);
    }
    if (!deps.inProcess) throw new ApiError(503, 'unavailable', 'Exports are not available in this server.');
    // A source route this server does not have (the access table lists every route it serves)
    if (!accessFor('GET', spec.source))
      throw new ApiError(
        404,
        'not_available',
        `The ${dataset} data (GET /api${spec.source}) is not available on this server.`,
      );
    const source = await deps.inProcess(
      new Request(`http://in-process/api${spec.source}?${query}`, {
        headers: { cookie: c.req.header('cookie') ?? '', accept: 'application/json' },
      }),
    );
    const body: unknown = await source.json().catch(() => null);
    if (!source.ok) {
      // the source's own refusal (400, 403, 404), as it gave it
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(
        source.status as 400,
        error?.code ?? `http_${source.status}`,
        error?.message ?? `GET /api${spec.source} answered ${source.status}`,
      );
    }
    const rows = spec.rows(body);

    await appendAudit(db, {
      ...auditedCaller(c, now()),
      action: 'export',
      targetType: 'aggregate',
      targetId: dataset,
      reason: `${rows.length} rows as ${format}, aggregated (no personal data)`,
      detail: JSON.stringify(Object.fromEntries(query)),
    });

    c.header('Content-Disposition', `attachment; filename="wendu-${dataset}.${format}"`);
    c.header('Cache-Control', 'no-store');
    const type = CONTENT_TYPES[format];
    if (format === 'csv') return c.body(toCsv(spec.columns, rows), 200, { 'Content-Type': type });
    if (format === 'parquet') return c.body(toParquet(spec.columns, rows), 200, { 'Content-Type': type });
    const shapes = await shapeLookup(deps, rows, spec.areaColumn);
    return c.body(JSON.stringify(toGeoJson(spec.columns, rows, shapes)), 200, { 'Content-Type': type });
  });
}

function toParquet(columns: readonly Column[], rows: readonly ExportRow[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: columns.map((col) => ({
        name: col.name,
        type: col.type,
        nullable: false,
        data: rows.map((r) => r[col.name]!),
      })),
      createdBy: 'wendu-twin',
    }),
  );
}

/** Each row's area as a shape: an H3 cell's hexagon, or a unit's polygon from the store. */
async function shapeLookup(
  { db }: RouteDeps,
  rows: readonly ExportRow[],
  column: string | null,
): Promise<(row: ExportRow) => ExportGeometry | null> {
  if (!column) return () => null;
  const needsUnits = rows.some((r) => !isValidCell(String(r[column])));
  const units = needsUnits
    ? new Map((await listAdminUnits(db, {})).map((u) => [u.id, u.geometry as ExportGeometry]))
    : new Map<string, ExportGeometry>();
  return (row) => {
    const area = String(row[column]);
    if (isValidCell(area)) {
      const ring = cellToBoundary(area, true);
      return { type: 'Polygon', coordinates: [ring] };
    }
    return units.get(area) ?? null;
  };
}
