// Once per test run: a small reference dataset (scale 0.02) in a temporary folder, and a current
// client build for the browser tests. Tests read the folder through `inject('smallDataDir')`.
// Nothing else runs while this does, so the client is built in a child process beside the dataset's
// generation (one core each) rather than after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClientAside, clientIsCurrent } from '../scripts/clientBuild';
import { buildDataset } from '../scripts/generate/build';
import { buildTiles } from '../scripts/tiles/build';
import { SMALL } from './helpers/small';

declare module 'vitest' {
  export interface ProvidedContext {
    smallDataDir: string;
  }
}

const CLIENT_DIR = 'dist/client';

export default async function setup(project: TestProject) {
  const client = clientIsCurrent(CLIENT_DIR) ? Promise.resolve() : buildClientAside(CLIENT_DIR);
  // a failed build is reported once it is awaited, after the dataset
  client.catch(() => {});
  const dir = mkdtempSync(join(tmpdir(), 'wendu-test-'));
  await buildDataset({ seed: SMALL.seed, scale: SMALL.scale, today: SMALL.today, outDir: dir, quiet: true });
  buildTiles(dir, join(dir, 'tiles'), { update() {}, finish: () => ({}) });
  await client;
  project.provide('smallDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
