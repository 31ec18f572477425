// Exports of what the analyst's workspace shows (分析导出): aggregates only. Each dataset has a fixed
// list of columns, and a row is rebuilt from those columns alone, so nothing else a source answer may
// carry (a name of a person, an identity number) can reach a file. Pure: the route fetches the
// source answer and writes the file.

export const EXPORT_DATASETS = ['heat', 'risk', 'trend'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_FORMATS = ['csv', 'geojson', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ColumnType = 'STRING' | 'INT32' | 'DOUBLE';
export interface Column {
  name: string;
  type: ColumnType;
}
export type Cell = string | number;
export type ExportRow = Record<string, Cell>;

/** The risk model's named factors (GET /api/risk), in the order every view lists them. */
export const RISK_FACTORS = ['cases', 'openOverdue', 'sensorAlarms', 'vulnerable', 'cameraGaps', 'sentiment'] as const;

export interface DatasetSpec {
  /** The API route (under /api) whose answer is exported, as the page shows it. */
  source: string;
  /** The query parameters passed on to the source; others are dropped. */
  params: readonly string[];
  columns: readonly Column[];
  /** The source's answer as rows of the columns (anything else in it is left out). */
  rows(answer: unknown): ExportRow[];
  /** The column holding the area whose shape a GeoJSON feature gets (an H3 cell or a unit id); none: no shape. */
  areaColumn: string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

export const DATASETS: Record<ExportDataset, DatasetSpec> = {
  heat: {
    source: '/stats/events/h3',
    params: ['res', 'from', 'to', 'within', 'category'],
    columns: [
      { name: 'h3', type: 'STRING' },
      { name: 'count', type: 'INT32' },
    ],
    rows: (answer) => list(answer).map((r) => ({ h3: str(r.h3), count: num(r.count) })),
    areaColumn: 'h3',
  },
  risk: {
    source: '/risk',
    params: ['level', 'top', 'at', 'within'],
    columns: [
      { name: 'areaId', type: 'STRING' },
      { name: 'name', type: 'STRING' },
      { name: 'score', type: 'DOUBLE' },
      ...RISK_FACTORS.map((name) => ({ name, type: 'DOUBLE' as const })),
    ],
    rows: (answer) =>
      list(answer).map((r) => {
        const factors = (typeof r.factors === 'object' && r.factors ? r.factors : {}) as Record<string, unknown>;
        return {
          areaId: str(r.areaId),
          name: str(r.name), // the area's name (a unit of the tree, or the cell id): never a person's
          score: num(r.score),
          ...Object.fromEntries(RISK_FACTORS.map((f) => [f, num(factors[f])])),
        };
      }),
    areaColumn: 'areaId',
  },
  trend: {
    source: '/stats/events/trend',
    params: ['unit', 'by'],
    columns: [
      { name: 'period', type: 'STRING' },
      { name: 'category', type: 'STRING' },
      { name: 'count', type: 'INT32' },
    ],
    rows: (answer) =>
      list((answer as { series?: unknown } | null)?.series).map((r) => ({
        period: str(r.period),
        category: str(r.category),
        count: num(r.count),
      })),
    areaColumn: null,
  },
};

const csvCell = (v: Cell) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV (RFC 4180, CRLF) with a BOM so that Excel reads the Chinese names as UTF-8. */
export function toCsv(columns: readonly Column[], rows: readonly ExportRow[]): string {
  const lines = [columns.map((c) => c.name), ...rows.map((r) => columns.map((c) => csvCell(r[c.name] ?? '')))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export interface ExportGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

/** A FeatureCollection (RFC 7946), one feature per row; a row without a known area gets a null geometry. */
export function toGeoJson(
  columns: readonly Column[],
  rows: readonly ExportRow[],
  shapeOf: (row: ExportRow) => ExportGeometry | null,
) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      geometry: shapeOf(r),
      properties: Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])),
    })),
  };
}
