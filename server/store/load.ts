// Bulk-loads a generated CityDataset into an empty store with DuckDB appenders (about 1M rows/s).
// Each table is described once: its columns, in schema order, and how to read them off a record.
// Columns that later migrations added (the workflow's projection, H3 cells, camera cover) are computed
// here and appended with their rows: filling them afterwards with UPDATEs cost about a minute at scale 1.
import type { DuckDBAppender } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import type {
  AdminUnit,
  Building,
  Camera,
  CaseDeductionRow,
  CityComponent,
  CityDataset,
  Compound,
  GovEvent,
  LandUse,
  LonLat,
  Organisation,
  PatrolPoint,
  PolygonCoords,
  River,
  Road,
  Sensor,
  TerrainRow,
  Township,
  WaterBody,
} from '../domain/model';
import { type Cells, cellsOf } from '../domain/risk/cells';
import { cameraCover } from './cells';
import type { Db } from './db';
import { joinIds } from './idLists';
import {
  type CaseColumns,
  type CasesInput,
  caseColumnsOf,
  type LoadedTask,
  storedAction,
  storedRole,
} from './loadCases';

/** The H3 resolution stored with points: res 9 cells are about 0.1 km², a city block. */
export const H3_RES = 9;

type Kind = 'text' | 'double' | 'int' | 'bool';
type Column<T> = [kind: Kind, get: (r: T) => string | number | boolean | null];

export type LoadProgress = (done: number, total: number, table: string) => void;

interface TableSpec<T> {
  table: string;
  rows: (d: CityDataset) => readonly T[];
  columns: Column<T>[];
}

/** Column builders bound to one record type, so each table's getters are typed by it. */
function columnsFor<T>() {
  return {
    text: (get: (r: T) => string | null): Column<T> => ['text', get],
    dbl: (get: (r: T) => number | null): Column<T> => ['double', get],
    int: (get: (r: T) => number | null): Column<T> => ['int', get],
    bool: (get: (r: T) => boolean | null): Column<T> => ['bool', get],
    /** A list of ids, stored comma-joined (store/idLists.ts). */
    ids: (get: (r: T) => readonly string[] | null): Column<T> => ['text', (r) => joinIds(get(r))],
    bbox: (box: (r: T) => Box): Column<T>[] => [0, 1, 2, 3].map((i): Column<T> => ['double', (r) => box(r)[i]!]),
    lonLat: (pos: (r: T) => LonLat | null): Column<T>[] => [
      ['double', (r) => pos(r)?.[0] ?? null],
      ['double', (r) => pos(r)?.[1] ?? null],
    ],
    h3: (pos: (r: T) => LonLat): Column<T> => ['text', (r) => latLngToCell(pos(r)[1], pos(r)[0], H3_RES)],
    /** The H3 cells at resolutions 8, 9 and 10 (migration 12), as store/cells.ts fills them. */
    cells: (pos: (r: T) => LonLat, which: readonly (keyof Cells)[] = ['r8', 'r9', 'r10']): Column<T>[] => {
      // one computation per row for its three columns (they are read one after the other)
      let row: T | undefined;
      let cells: Cells | undefined;
      const of = (r: T): Cells => {
        if (r !== row || !cells) [row, cells] = [r, cellsOf(pos(r)[0], pos(r)[1])];
        return cells;
      };
      return which.map((k): Column<T> => ['text', (r) => of(r)[k]]);
    },
  };
}
type Cols<T> = ReturnType<typeof columnsFor<T>>;

function spec<T>(
  table: string,
  rows: (d: CityDataset) => readonly T[],
  columns: (c: Cols<T>) => Column<T>[],
): TableSpec<T> {
  return { table, rows, columns: columns(columnsFor<T>()) };
}

/** Columns a later step fills (their NULLs are its work list). */
const nulls = <T>(n: number): Column<T>[] => Array.from({ length: n }, (): Column<T> => ['text', () => null]);

type Box = [number, number, number, number];
function bboxOf(points: Iterable<LonLat>): Box {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    if (lon < a) a = lon;
    if (lat < b) b = lat;
    if (lon > c) c = lon;
    if (lat > d) d = lat;
  }
  return [a, b, c, d];
}
function* ringsPoints(polys: PolygonCoords[]): Iterable<LonLat> {
  for (const p of polys) for (const ring of p) yield* ring;
}

/** Paths from the root ('340881/340881002/340881002001/...') so a scope is a prefix match. */
function adminPaths(d: CityDataset): Map<string, string> {
  const byId = new Map(d.adminUnits.map((u) => [u.id, u]));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    const u = byId.get(id);
    if (!u) throw new Error(`admin unit ${id} has an unknown parent`);
    const p = u.parentId ? `${pathOf(u.parentId)}/${u.id}` : u.id;
    paths.set(id, p);
    return p;
  };
  for (const u of d.adminUnits) pathOf(u.id);
  return paths;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of tables of different record types; each spec() call is typed by its own
function tables(d: CityDataset & CasesInput): TableSpec<any>[] {
  const paths = adminPaths(d);
  const unitBoxes = new Map(
    d.adminUnits.map((u) => [
      u.id,
      bboxOf(ringsPoints(u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates)),
    ]),
  );
  const meta = Object.entries(d.meta).map(([key, value]) => ({ key, value: String(value) }));
  const seen = cameraCover(d.cameras);
  const cases = caseColumnsOf(d, paths);
  const caseOf = (e: GovEvent): CaseColumns => cases.byEvent.get(e.id)!;
  return [
    spec(
      'dataset_meta',
      () => meta,
      (c) => [c.text((r) => r.key), c.text((r) => r.value)],
    ),
    spec<AdminUnit>(
      'admin_units',
      (x) => x.adminUnits,
      (c) => [
        c.text((u) => u.id),
        c.text((u) => u.code),
        c.text((u) => u.name),
        c.text((u) => u.level),
        c.text((u) => u.area),
        c.text((u) => u.parentId),
        c.text((u) => paths.get(u.id)!),
        c.text((u) => JSON.stringify(u.geometry)),
        ...c.lonLat((u) => u.centroid),
        c.dbl((u) => u.areaM2),
        ...c.bbox((u) => unitBoxes.get(u.id)!),
      ],
    ),
    spec<Road>(
      'roads',
      (x) => x.roads,
      (c) => [
        c.text((r) => r.id),
        c.text((r) => r.name),
        c.text((r) => r.class),
        c.text((r) => JSON.stringify(r.line)),
        c.dbl((r) => r.widthM),
        ...c.bbox((r) => bboxOf(r.line)),
        c.text((r) => r.kind),
      ],
    ),
    spec<River>(
      'rivers',
      (x) => x.rivers,
      (c) => [
        c.text((r) => r.id),
        c.text((r) => r.name),
        c.text((r) => JSON.stringify(r.line)),
        c.dbl((r) => r.widthM),
        ...c.bbox((r) => bboxOf(r.line)),
      ],
    ),
    spec<WaterBody>(
      'waters',
      (x) => x.waters ?? [],
      (c) => [
        c.text((w) => w.id),
        c.text((w) => w.name),
        c.text((w) => w.kind),
        c.text((w) => w.gridId),
        c.text((w) => JSON.stringify(w.polygon)),
        c.dbl((w) => w.areaM2),
        ...c.bbox((w) => bboxOf(ringsPoints([w.polygon]))),
      ],
    ),
    spec<LandUse>(
      'land_use',
      (x) => x.landUse ?? [],
      (c) => [
        c.text((u) => u.id),
        c.text((u) => u.kind),
        c.text((u) => u.name),
        c.text((u) => JSON.stringify(u.polygon)),
        c.dbl((u) => u.areaM2),
        ...c.bbox((u) => bboxOf(ringsPoints([u.polygon]))),
      ],
    ),
    spec<Township>(
      'townships',
      (x) => x.townships ?? [],
      (c) => [
        c.text((t) => t.code),
        c.text((t) => t.name),
        c.bool((t) => t.pilot),
        c.text((t) => JSON.stringify(t.polygon)),
        c.dbl((t) => t.seat[0]),
        c.dbl((t) => t.seat[1]),
        ...c.bbox((t) => bboxOf(ringsPoints([t.polygon]))),
      ],
    ),
    spec<Compound>(
      'compounds',
      (x) => x.compounds ?? [],
      (c) => [
        c.text((k) => k.id),
        c.text((k) => k.name),
        c.text((k) => k.gridId),
        c.text((k) => JSON.stringify(k.block)),
        c.text((k) => k.gate.name),
        c.dbl((k) => k.gate.position[0]),
        c.dbl((k) => k.gate.position[1]),
        ...c.bbox((k) => bboxOf(ringsPoints([k.block]))),
      ],
    ),
    spec<TerrainRow>(
      'terrain',
      (x) => x.terrain ?? [],
      (c) => [
        c.int((r) => r.row),
        c.dbl((r) => r.lat),
        c.dbl((r) => r.west),
        c.dbl((r) => r.stepDeg),
        c.text((r) => JSON.stringify(r.heightsDm)),
      ],
    ),
    spec<Building>(
      'buildings',
      (x) => x.buildings,
      (c) => [
        c.text((b) => b.id),
        c.text((b) => b.gridId),
        c.text((b) => b.address),
        c.text((b) => b.use),
        c.int((b) => b.floors),
        c.dbl((b) => b.heightM),
        c.text((b) => JSON.stringify(b.footprint)),
        ...c.lonLat((b) => b.centroid),
        c.int((b) => b.dwellings),
        // H3 cells (r8, r9, r10) and camera cover: migration 12
        ...c.cells((b) => b.centroid),
        c.bool((b) => seen(b.centroid[0], b.centroid[1])),
        c.text((b) => b.kind), // migration 17
        c.int((b) => b.builtYear),
      ],
    ),
    spec(
      'departments',
      (x) => x.departments,
      (c) => [c.text((r) => r.id), c.text((r) => r.name), c.text((r) => r.nameEn)],
    ),
    spec<CityComponent>(
      'components',
      (x) => x.components,
      (c) => [
        c.text((c) => c.id),
        c.text((c) => c.code),
        c.text((c) => c.categoryCode),
        c.text((c) => c.category),
        c.text((c) => c.subtypeCode),
        c.text((c) => c.subtype),
        c.text((c) => c.departmentId),
        c.text((c) => c.state),
        ...c.lonLat((c) => c.position),
        c.h3((c) => c.position),
        c.text((c) => c.gridId),
        c.text((c) => c.roadId),
      ],
    ),
    spec<Camera>(
      'cameras',
      (x) => x.cameras,
      (c) => [
        c.text((c) => c.id),
        c.text((c) => c.code),
        c.text((c) => c.owner),
        ...c.lonLat((c) => c.position),
        c.dbl((c) => c.headingDeg),
        c.dbl((c) => c.fovDeg),
        c.dbl((c) => c.rangeM),
        c.dbl((c) => c.heightM),
        c.bool((c) => c.online),
        c.text((c) => c.gridId),
        ...c.cells((c) => c.position),
      ],
    ),
    spec<PatrolPoint>(
      'patrol_points',
      (x) => x.patrolPoints,
      (c) => [
        c.text((p) => p.id),
        c.text((p) => p.name),
        c.text((p) => p.kind),
        ...c.lonLat((p) => p.position),
        c.text((p) => p.gridId),
      ],
    ),
    spec<Sensor>(
      'sensors',
      (x) => x.sensors,
      (c) => [
        c.text((s) => s.id),
        c.text((s) => s.kind),
        c.text((s) => s.componentId),
        ...c.lonLat((s) => s.position),
        c.text((s) => s.gridId),
        ...c.cells((s) => s.position),
      ],
    ),
    spec(
      'taxonomy_categories',
      (x) => x.taxonomy.categories,
      (c) => [c.text((c) => c.code), c.text((c) => c.name), c.text((c) => c.nameEn)],
    ),
    spec(
      'taxonomy_subcategories',
      (x) => x.taxonomy.subcategories,
      (c) => [c.text((c) => c.code), c.text((c) => c.categoryCode), c.text((c) => c.name), c.text((c) => c.nameEn)],
    ),
    spec(
      'taxonomy_items',
      (x) => x.taxonomy.items,
      (c) => [
        c.text((i) => i.code),
        c.text((i) => i.subcategoryCode),
        c.text((i) => i.categoryCode),
        c.text((i) => i.name),
        c.text((i) => i.nameEn),
        c.text((i) => i.departmentId),
        c.int((i) => i.timeLimitHours),
        c.int((i) => i.severity),
      ],
    ),
    spec(
      'households',
      (x) => x.households,
      (c) => [
        c.text((h) => h.id),
        c.text((h) => h.buildingId),
        c.text((h) => h.gridId),
        c.text((h) => h.address),
        c.int((h) => h.size),
      ],
    ),
    spec(
      'residents',
      (x) => x.residents,
      (c) => [
        c.text((r) => r.id),
        c.text((r) => r.householdId),
        c.text((r) => r.gridId),
        c.text((r) => r.name),
        c.text((r) => r.idNumber),
        c.text((r) => r.phone),
        c.text((r) => r.sex),
        c.text((r) => r.birthDate),
        c.text((r) => r.tags.join(',')),
        c.bool((r) => r.livesElsewhere),
      ],
    ),
    spec<Organisation>(
      'organisations',
      (x) => x.organisations,
      (c) => [
        c.text((o) => o.id),
        c.text((o) => o.kind),
        c.text((o) => o.name),
        c.text((o) => o.parentId),
        c.text((o) => o.adminUnitId),
        ...c.lonLat((o) => o.position),
      ],
    ),
    spec(
      'unit_heads',
      (x) => x.unitHeads,
      (c) => [
        c.text((u) => u.residentId),
        c.text((u) => u.partyGroupId),
        c.text((u) => u.buildingId),
        c.int((u) => u.unit),
      ],
    ),
    spec(
      'grid_workers',
      (x) => x.gridWorkers,
      (c) => [c.text((w) => w.id), c.text((w) => w.gridId), c.text((w) => w.name), c.text((w) => w.phone)],
    ),
    spec<GovEvent>(
      'events',
      (x) => x.events,
      (c) => [
        c.text((e) => e.id),
        c.text((e) => e.code),
        c.text((e) => e.itemCode),
        c.text((e) => e.source),
        c.text((e) => e.gridId),
        ...c.lonLat((e) => e.position),
        c.h3((e) => e.position),
        c.text((e) => e.reportedAt),
        c.text((e) => e.deadlineAt),
        // the workflow's projection (loadCases.ts): an open case's status and department as replayed
        c.text((e) => caseOf(e).departmentId),
        c.text((e) => caseOf(e).status),
        c.text((e) => caseOf(e).closedAt),
        c.bool((e) => caseOf(e).overdue),
        c.text((e) => e.description),
        c.ids((e) => caseOf(e).holders),
        c.text((e) => caseOf(e).dueAt),
        c.text((e) => caseOf(e).warnAt),
        c.text((e) => caseOf(e).checkAt),
        c.text((e) => caseOf(e).supervisedBy),
        // the case's share of the assessment (stages_entered … rating)
        c.int((e) => caseOf(e).assessment?.stagesEntered ?? null),
        c.dbl((e) => caseOf(e).assessment?.handlingMinutes ?? null),
        c.ids((e) => caseOf(e).assessment?.dispatchedTo ?? null),
        c.ids((e) => caseOf(e).assessment?.returnedBy ?? null),
        c.int((e) => caseOf(e).assessment?.verifications ?? null),
        c.int((e) => caseOf(e).assessment?.reworks ?? null),
        c.text((e) => caseOf(e).assessment?.rating ?? null),
        // H3 cells at resolutions 8 and 10 (migration 12)
        ...c.cells((e) => e.position, ['r8', 'r10']),
        // the leader-supervised mark (migration 13: leader_supervised_by, _at)
        c.text((e) => caseOf(e).leaderSupervisedBy),
        c.text((e) => caseOf(e).leaderSupervisedAt),
        // the reporting resident (migration 15): the credit history sets it (store/credit.ts writeHistoryCredit)
        ...nulls<GovEvent>(1),
      ],
    ),
    spec(
      'event_steps',
      (x) => x.eventSteps,
      (c) => [
        c.text((s) => s.eventId),
        c.int((s) => s.seq),
        c.text((s) => s.stage),
        c.text((s) => s.at),
        c.text((s) => s.actor),
        c.text((s) => s.note),
        // the machine's fields; a dataset from before the workflow gets them as migration 9 gives them
        c.text(storedAction),
        c.text(storedRole),
        c.text((s) => (s.detail ? JSON.stringify(s.detail) : null)),
      ],
    ),
    spec<LoadedTask>(
      'event_tasks',
      () => cases.tasks,
      (c) => [
        c.text((x) => x.eventId),
        c.int((x) => x.task.no),
        c.text((x) => x.task.role),
        c.text((x) => x.task.assignee.id),
        c.text((x) => x.task.assignee.kind),
        c.text((x) => (x.task.assignee.kind === 'unit' ? x.task.assignee.level : null)),
        c.text((x) => x.task.state),
        c.text((x) => x.task.assignedAt),
        c.int((x) => x.task.limitMinutes),
        c.text((x) => x.task.deadlineAt),
        c.int((x) => x.task.pendingExtension?.hours ?? null),
      ],
    ),
    spec<CaseDeductionRow>(
      'case_deductions',
      (x) => x.caseDeductions ?? [],
      (c) => [
        c.text((d) => d.eventId),
        c.text((d) => d.clock),
        c.text((d) => d.holder),
        c.text((d) => d.stage),
        c.text((d) => d.dueAt),
        c.text((d) => d.deductedAt),
        c.int((d) => d.points),
        c.text((d) => d.reason),
      ],
    ),
    spec(
      'sentiments',
      (x) => x.sentiments,
      (c) => [
        c.text((s) => s.id),
        c.text((s) => s.gridId),
        c.text((s) => s.topic),
        c.int((s) => s.polarity),
        c.text((s) => s.at),
        c.text((s) => s.text),
      ],
    ),
  ];
}

function append(a: DuckDBAppender, kind: Kind, v: string | number | boolean | null): void {
  if (v === null) {
    a.appendNull();
    return;
  }
  switch (kind) {
    case 'text':
      a.appendVarchar(v as string);
      break;
    case 'double':
      a.appendDouble(v as number);
      break;
    case 'int':
      a.appendInteger(v as number);
      break;
    case 'bool':
      a.appendBoolean(v as boolean);
      break;
  }
}

/** Appends every table of `dataset` into the (freshly migrated, empty) store. */
export async function loadDataset(db: Db, dataset: CityDataset & CasesInput, onProgress?: LoadProgress): Promise<void> {
  const specs = tables(dataset);
  const total = specs.reduce((n, s) => n + s.rows(dataset).length, 0);
  let done = 0;
  await db.write(async (conn) => {
    for (const s of specs) {
      const a = await conn.createAppender(s.table);
      const rows = s.rows(dataset);
      for (let i = 0; i < rows.length; i++) {
        for (const [kind, get] of s.columns) append(a, kind, get(rows[i]));
        a.endRow();
        if (++done % 50_000 === 0) onProgress?.(done, total, s.table);
      }
      a.closeSync();
      onProgress?.(done, total, s.table);
    }
  });
  await db.write((conn) => conn.run('CHECKPOINT'));
}
