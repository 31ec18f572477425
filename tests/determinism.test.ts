// Same seed, same dataset, byte for byte; another seed, another dataset.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { generateCity } from '../scripts/generate/city';
import { writeDataset } from '../scripts/generate/write';
import { readManifest } from './helpers/dataset';
import { SMALL } from './helpers/small';

describe('generator determinism', () => {
  it('reproduces the shared dataset file for file from the same seed', () => {
    const again = writeDataset(join(mkdtempSync(join(tmpdir(), 'wendu-det-')), 'dataset'), generateCity(SMALL));
    expect(again).toEqual(readManifest(inject('smallDataDir')));
  });

  it('makes a different city from a different seed', () => {
    const other = writeDataset(
      join(mkdtempSync(join(tmpdir(), 'wendu-det-')), 'dataset'),
      generateCity({ ...SMALL, seed: SMALL.seed + 1 }),
    );
    const shared = readManifest(inject('smallDataDir'));
    expect(other.tables.buildings!.sha256).not.toBe(shared.tables.buildings!.sha256);
    expect(other.tables.residents!.sha256).not.toBe(shared.tables.residents!.sha256);
    // Structure is fixed by the article, whatever the seed.
    expect(other.tables['admin-units']!.rows).toBe(shared.tables['admin-units']!.rows);
  });
});
