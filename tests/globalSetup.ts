// Once per test run: a small reference dataset (scale 0.02) in a temporary folder, and a current
// client build for the browser tests. Tests read the folder through `inject('smallDataDir')`.
// Nothing else runs while this does, so the client is built in a child process beside the dataset's
// generation (one core each) rather than after it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { clientIsCurrent } from '../scripts/clientBuild';
import { buildDataset } from '../scripts/generate/build';
import { buildTiles } from '../scripts/tiles/build';
import { SMALL } from './helpers/small';

declare module 'vitest' {
  export interface ProvidedContext {
    smallDataDir: string;
  }
}

const CLIENT_DIR = 'dist/client';

/** `npm run build:client` as a child; resolves when it has built, rejects with its output if it failed. */
function buildClientAside(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/buildClient.ts', '--out', CLIENT_DIR], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    output += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) =>
      status === 0 ? resolve() : reject(new Error(`the client build failed (${status}):\n${output}`)),
    );
  });
}

export default async function setup(project: TestProject) {
  const client = clientIsCurrent(CLIENT_DIR) ? Promise.resolve() : buildClientAside();
  // a failed build is reported once it is awaited, after the dataset
  client.catch(() => {});
  const dir = mkdtempSync(join(tmpdir(), 'wendu-test-'));
  await buildDataset({ seed: SMALL.seed, scale: SMALL.scale, today: SMALL.today, outDir: dir, quiet: true });
  buildTiles(dir, join(dir, 'tiles'), { update() {}, finish: () => ({}) });
  await client;
  project.provide('smallDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
