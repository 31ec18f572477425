// Once per test run: a small reference dataset (scale 0.02) in a temporary folder, and a current
// client build for the browser tests. Tests read the folder through `inject('smallDataDir')`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureClientBuilt } from '../scripts/clientBuild';
import { buildDataset } from '../scripts/generate/build';
import { buildTiles } from '../scripts/tiles/build';
import { SMALL } from './helpers/small';

declare module 'vitest' {
  export interface ProvidedContext {
    smallDataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'wendu-test-'));
  await buildDataset({ seed: SMALL.seed, scale: SMALL.scale, today: SMALL.today, outDir: dir, quiet: true });
  buildTiles(dir, join(dir, 'tiles'), { update() {}, finish: () => ({}) });
  await ensureClientBuilt('dist/client');
  project.provide('smallDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
