// Reads a generated dataset back from its NDJSON files, and copies its DuckDB file for a test to own.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../scripts/generate/write';
import type { CityDataset } from '../../server/domain/model';
import { type Db, openDb } from '../../server/store/db';

function table<T>(dir: string, name: string): T[] {
  return readFileSync(join(dir, 'dataset', `${name}.ndjson`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'dataset', 'manifest.json'), 'utf8')) as Manifest;
}

export function readDataset(dir: string): CityDataset {
  return {
    meta: readManifest(dir).meta,
    adminUnits: table(dir, 'admin-units'),
    roads: table(dir, 'roads'),
    rivers: table(dir, 'rivers'),
    buildings: table(dir, 'buildings'),
    components: table(dir, 'components'),
    cameras: table(dir, 'cameras'),
    patrolPoints: table(dir, 'patrol-points'),
    sensors: table(dir, 'sensors'),
    departments: table(dir, 'departments'),
    taxonomy: {
      categories: table(dir, 'taxonomy-categories'),
      subcategories: table(dir, 'taxonomy-subcategories'),
      items: table(dir, 'taxonomy-items'),
    },
    households: table(dir, 'households'),
    residents: table(dir, 'residents'),
    organisations: table(dir, 'organisations'),
    unitHeads: table(dir, 'unit-heads'),
    gridWorkers: table(dir, 'grid-workers'),
    events: table(dir, 'events'),
    eventSteps: table(dir, 'event-steps'),
    caseDeductions: table(dir, 'case-deductions'),
    sentiments: table(dir, 'sentiments'),
  };
}

/** A private copy of the dataset's DuckDB file (tests run in parallel and must not share one). */
export function copyDb(dir: string): string {
  const target = join(mkdtempSync(join(tmpdir(), 'wendu-db-')), 'wendu.duckdb');
  copyFileSync(join(dir, 'wendu.duckdb'), target);
  if (existsSync(join(dir, 'wendu.duckdb.wal'))) copyFileSync(join(dir, 'wendu.duckdb.wal'), `${target}.wal`);
  return target;
}

export function openCopy(dir: string): Promise<Db> {
  return openDb(copyDb(dir));
}
