// Writes a dataset as one NDJSON file per table plus a manifest with row counts and SHA-256 digests:
// the byte-for-byte form of "same seed, same dataset", and an interchange format for other tools.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CityDataset } from '../../server/domain/model';
import type { PlantedHotspot } from './hotspots';

export interface Manifest {
  meta: CityDataset['meta'];
  tables: Record<string, { rows: number; bytes: number; sha256: string }>;
}

/** The dataset's tables by file name, in a fixed order. */
export function datasetTables(d: CityDataset): [string, readonly unknown[]][] {
  return [
    ['admin-units', d.adminUnits],
    ['roads', d.roads],
    ['rivers', d.rivers],
    ['buildings', d.buildings],
    ['compounds', d.compounds ?? []],
    ['waters', d.waters ?? []],
    ['land-use', d.landUse ?? []],
    ['townships', d.townships ?? []],
    ['terrain', d.terrain ?? []],
    ['components', d.components],
    ['cameras', d.cameras],
    ['patrol-points', d.patrolPoints],
    ['sensors', d.sensors],
    ['departments', d.departments],
    ['taxonomy-categories', d.taxonomy.categories],
    ['taxonomy-subcategories', d.taxonomy.subcategories],
    ['taxonomy-items', d.taxonomy.items],
    ['households', d.households],
    ['residents', d.residents],
    ['organisations', d.organisations],
    ['unit-heads', d.unitHeads],
    ['grid-workers', d.gridWorkers],
    ['events', d.events],
    ['event-steps', d.eventSteps],
    ['case-deductions', d.caseDeductions],
    ['sentiments', d.sentiments],
  ];
}

const CHUNK = 20_000;

/** The planted hot spots' file in the dataset folder. */
export const HOTSPOTS_FILE = 'hotspots.json';

export function writeDataset(dir: string, d: CityDataset & { hotspots?: readonly PlantedHotspot[] }): Manifest {
  const hotspots = d.hotspots;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = { meta: d.meta, tables: {} };
  for (const [name, rows] of datasetTables(d)) {
    const hash = createHash('sha256');
    let bytes = 0;
    // Chunk by chunk, each encoded once (hash, size and file from the same bytes): the history's
    // steps are a few hundred MB, and one joined string of them costs more than writing them.
    const fd = openSync(join(dir, `${name}.ndjson`), 'w');
    try {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = Buffer.from(
          `${rows
            .slice(i, i + CHUNK)
            .map((r) => JSON.stringify(r))
            .join('\n')}\n`,
        );
        hash.update(chunk);
        bytes += chunk.length;
        for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
      }
    } finally {
      closeSync(fd);
    }
    manifest.tables[name] = { rows: rows.length, bytes, sha256: hash.digest('hex') };
  }
  // The planted hot spots (hotspots.ts): the answers a test of the risk model checks against.
  if (hotspots) writeFileSync(join(dir, HOTSPOTS_FILE), `${JSON.stringify(hotspots, null, 2)}\n`);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
