// Builds the client with Vite when its sources (or the shared domain) are newer than the last build,
// or when the last build was not a production one, then writes brotli and gzip copies beside its files
// (scripts/clientBuild/precompress.ts) for the server to send by Accept-Encoding.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type PrecompressResult, precompressDir } from './clientBuild/precompress';
import { runNode } from './process/nodeChild';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Beside the build (`dist/client.build.json`), not inside it, so the server never serves it. */
export const buildRecordPath = (outDir: string) => `${resolve(outDir)}.build.json`;

interface BuildRecord {
  mode: string;
  builtAt: string;
  /** Brotli and gzip copies were written beside the files (builds before them lack it and are redone). */
  precompressed?: boolean;
}

function readBuildRecord(outDir: string): BuildRecord | null {
  try {
    return JSON.parse(readFileSync(buildRecordPath(outDir), 'utf8')) as BuildRecord;
  } catch {
    return null;
  }
}

export function clientIsCurrent(outDir: string): boolean {
  const index = join(outDir, 'index.html');
  const record = readBuildRecord(outDir);
  if (!existsSync(index) || record?.mode !== 'production' || !record.precompressed) return false;
  const built = statSync(index).mtimeMs;
  return Math.max(newestMtime('client'), newestMtime('server/domain'), statSync('vite.config.ts').mtimeMs) <= built;
}

/** Returns what it precompressed when it built, null when the build was already current (and not forced). */
export async function ensureClientBuilt(outDir: string, force = false): Promise<PrecompressResult | null> {
  if (!force && clientIsCurrent(outDir)) return null;
  return buildClient(outDir);
}

/** A production build of the client into `outDir`, precompressed, with its build record. */
export async function buildClient(outDir: string): Promise<PrecompressResult> {
  const { build } = await import('vite');
  // Under vitest NODE_ENV is 'test', and Vite then bundles React's development build (about 1.8× the
  // size, and the first frame of /screen 4–5 s later); `mode` alone does not override it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: resolve(outDir), emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const compressed = await precompressDir(resolve(outDir));
  const record: BuildRecord = { mode: 'production', builtAt: new Date().toISOString(), precompressed: true };
  writeFileSync(buildRecordPath(outDir), `${JSON.stringify(record)}\n`);
  return compressed;
}

/**
 * `npm run build:client` in a child process, beside other work (the dataset's generation holds this
 * process's thread; the build takes the other core). Resolves when it has built; rejects with its
 * output if it failed.
 */
/** The build's niceness beside the dataset (0 normal, 19 the lowest priority). */
const BUILD_NICENESS = 10;

export async function buildClientAside(outDir: string): Promise<void> {
  // The dataset beside it is the longer road to a running platform: the build yields the cores to it
  // and takes what is left (its esbuild and compression, started after this, inherit the niceness).
  const r = await runNode(['--import', 'tsx', 'scripts/buildClient.ts', '--out', outDir], {
    niceness: BUILD_NICENESS,
  });
  if (r.status !== 0) throw new Error(`the client build failed (${r.status}):\n${r.stdout}${r.stderr}`);
}
