// Backups of the store (快照) and bringing one back. A snapshot is a copy of the DuckDB file taken on
// the single writer: every write (the ingest's group commit, alarms, sign-ins, audit rows) waits behind
// it, so the copy holds exactly what was committed before it and nothing half-written. The store's own
// connections never read or write other files (they are locked down); the copy is made by Node. The
// manifest, written last, names each file with its size and SHA-256, the rows of every table and the
// audit chain's last link, so a damaged or incomplete snapshot is refused on restore.
import { createHash } from 'node:crypto';
import {
  constants,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { verifyAuditChain } from './audit';
import { type Db, openDb, schemaVersion } from './db';

export const SNAPSHOT_DB = 'wendu.duckdb';
export const MANIFEST = 'manifest.json';

export interface SnapshotManifest {
  format: 1;
  createdAt: string;
  schemaVersion: number;
  /** How long the writer (and so the group commit) was held while the file was copied. */
  pauseMs: number;
  files: Array<{ name: string; bytes: number; sha256: string }>;
  /** Rows per table. */
  counts: Record<string, number>;
  audit: { rows: number; lastSeq: number | null; lastHash: string | null };
  dataset: Record<string, string>;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What a store holds, for the manifest and for checking a restored copy against it. */
export async function describeStore(
  db: Db,
): Promise<Pick<SnapshotManifest, 'schemaVersion' | 'counts' | 'audit' | 'dataset'>> {
  const tables = await db.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const r = await db.one<{ n: number }>(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`);
    counts[name] = r!.n;
  }
  const last = counts.audit_log
    ? await db.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    : undefined;
  const version = await db.write((conn) => schemaVersion(conn));
  const dataset = counts.dataset_meta
    ? Object.fromEntries(
        (await db.all<{ key: string; value: string }>('SELECT key, value FROM dataset_meta ORDER BY key')).map((r) => [
          r.key,
          r.value,
        ]),
      )
    : {};
  return {
    schemaVersion: version,
    counts,
    audit: { rows: counts.audit_log ?? 0, lastSeq: last?.seq ?? null, lastHash: last?.hash ?? null },
    dataset,
  };
}

/**
 * Copies the store at `dbPath` (open as `db`) into the new folder `dir`, with its manifest. The
 * writer is held for the checkpoint and the copy only; counting and hashing run on the copy after.
 */
export async function takeSnapshot(
  db: Db,
  dbPath: string,
  dir: string,
  now: () => Date = () => new Date(),
): Promise<SnapshotManifest> {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty: a snapshot goes into a new folder`);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, SNAPSHOT_DB);
  const pauseMs = await db.write(async (conn) => {
    const started = performance.now();
    // Folds the WAL into the file, so the copy is usually one file; the WAL is copied too when a
    // reader kept the checkpoint from finishing, and the copy replays it when opened below.
    await conn.run('CHECKPOINT');
    // A reflink where the file system has them (instant), a plain copy elsewhere.
    copyFileSync(dbPath, target, constants.COPYFILE_FICLONE);
    const wal = `${dbPath}.wal`;
    if (existsSync(wal) && statSync(wal).size > 0) copyFileSync(wal, `${target}.wal`, constants.COPYFILE_FICLONE);
    return Math.round((performance.now() - started) * 10) / 10;
  });
  // Open the copy (not locked down, it is ours), so any copied WAL is folded in and the snapshot is one file.
  const copy = await openDb(target, { migrations: [] });
  let described: Awaited<ReturnType<typeof describeStore>>;
  try {
    await copy.write((conn) => conn.run('CHECKPOINT'));
    described = await describeStore(copy);
  } finally {
    copy.close();
  }
  rmSync(`${target}.wal`, { force: true });
  const manifest: SnapshotManifest = {
    format: 1,
    createdAt: now().toISOString(),
    pauseMs,
    ...described,
    files: [{ name: SNAPSHOT_DB, bytes: statSync(target).size, sha256: await sha256(target) }],
  };
  // The manifest last, and whole: a folder without one is an unfinished snapshot.
  writeFileSync(join(dir, `${MANIFEST}.part`), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(join(dir, `${MANIFEST}.part`), join(dir, MANIFEST));
  return manifest;
}

export function readManifest(dir: string): SnapshotManifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new Error(`${dir}: no ${MANIFEST} (not a snapshot, or an unfinished one)`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as SnapshotManifest;
  if (m.format !== 1 || !Array.isArray(m.files) || typeof m.counts !== 'object')
    throw new Error(`${path}: not a snapshot manifest of format 1`);
  return m;
}

/**
 * Checks a snapshot: every file's size and SHA-256, then (opened read-only) the rows of every table
 * and the audit chain, recomputed, against the manifest. Returns the problems found; none: it is sound.
 */
export async function verifySnapshot(dir: string): Promise<string[]> {
  let manifest: SnapshotManifest;
  try {
    manifest = readManifest(dir);
  } catch (err) {
    return [(err as Error).message];
  }
  const problems: string[] = [];
  for (const f of manifest.files) {
    const path = join(dir, basename(f.name));
    if (!existsSync(path)) problems.push(`${f.name}: missing`);
    else if (statSync(path).size !== f.bytes)
      problems.push(`${f.name}: ${statSync(path).size} bytes, the manifest says ${f.bytes}`);
    else if ((await sha256(path)) !== f.sha256) problems.push(`${f.name}: checksum differs from the manifest's`);
  }
  if (problems.length) return problems;
  let db: Db;
  try {
    db = await openDb(join(dir, SNAPSHOT_DB), { readOnly: true });
  } catch (err) {
    return [`${SNAPSHOT_DB}: DuckDB cannot open it (${(err as Error).message})`];
  }
  try {
    const now = await describeStore(db);
    for (const [table, n] of Object.entries(manifest.counts))
      if (now.counts[table] !== n)
        problems.push(`${table}: ${now.counts[table] ?? 'no table'} rows, the manifest says ${n}`);
    if (now.audit.lastHash !== manifest.audit.lastHash)
      problems.push('audit_log: the last hash differs from the manifest');
    if (now.counts.audit_log !== undefined) {
      const chain = await verifyAuditChain(db);
      if (!chain.ok) problems.push(`audit_log: the chain breaks at entry ${chain.brokenAt}`);
    }
  } finally {
    db.close();
  }
  return problems;
}

/**
 * Puts a verified snapshot in place of the store at `dbPath` (the server must be stopped). The file
 * it replaces, if any, is kept beside it as `<name>.replaced-<time>`; the new one is copied next to
 * the target first and renamed into place, so a crash midway leaves either the old file or the new.
 */
export async function restoreSnapshot(
  dir: string,
  dbPath: string,
  now: () => Date = () => new Date(),
): Promise<{ manifest: SnapshotManifest; replaced: string | null }> {
  const problems = await verifySnapshot(dir);
  if (problems.length) throw new Error(`refusing a damaged snapshot in ${dir}:\n  ${problems.join('\n  ')}`);
  const manifest = readManifest(dir);
  const incoming = `${dbPath}.restoring`;
  rmSync(incoming, { force: true });
  copyFileSync(join(dir, SNAPSHOT_DB), incoming);
  let replaced: string | null = null;
  if (existsSync(dbPath)) {
    replaced = `${dbPath}.replaced-${now().toISOString().replace(/[:.]/g, '')}`;
    renameSync(dbPath, replaced);
    if (existsSync(`${dbPath}.wal`)) renameSync(`${dbPath}.wal`, `${replaced}.wal`);
  } else rmSync(`${dbPath}.wal`, { force: true }); // a WAL without its file belongs to nothing
  renameSync(incoming, dbPath);
  return { manifest, replaced };
}
