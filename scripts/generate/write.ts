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

/** Bytes gathered before each write (and hash update). */
const BUFFER_BYTES = 1 << 20;

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
    // Row by row into one reused buffer, each row encoded once (hash, size and file from the same
    // bytes): the history's steps are a few hundred MB, and joined strings of many rows outlive the
    // young generation and cost the garbage collector more than writing them.
    const buf = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;
    const fd = openSync(join(dir, `${name}.ndjson`), 'w');
    const flush = () => {
      hash.update(buf.subarray(0, used));
      for (let off = 0; off < used; ) off += writeSync(fd, buf, off, used - off);
      bytes += used;
      used = 0;
    };
    try {
      for (const r of rows) {
        const line = `${JSON.stringify(r)}\n`;
        // a UTF-8 character takes at most 3 bytes per UTF-16 unit
        if (used + line.length * 3 > BUFFER_BYTES) flush();
        if (line.length * 3 > BUFFER_BYTES) {
          const big = Buffer.from(line);
          hash.update(big);
          for (let off = 0; off < big.length; ) off += writeSync(fd, big, off);
          bytes += big.length;
        } else used += buf.write(line, used);
      }
      flush();
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
