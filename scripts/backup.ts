// `npm run backup -- --to DIR` (production: `node dist/scripts/backup.js --to DIR`): a consistent
// snapshot of the store with its manifest. A running server is asked through its control socket and
// copies its own file under the writer (the group commit waits for that long); with no server running
// the file is opened and copied here. Prints the manifest's summary as JSON.
import { parseArgs } from 'node:util';
import { controlSocketOf, loadConfig } from '../server/config';
import { requestBackup } from '../server/ops/controlChannel';
import { openDb } from '../server/store/db';
import { type SnapshotManifest, takeSnapshot } from '../server/store/snapshot';

const USAGE = 'usage: npm run backup -- --to <new or empty folder>';

try {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  if (!values.to) throw new Error(`--to is required\n${USAGE}`);
  const config = loadConfig();
  let via = 'the running server';
  let manifest: SnapshotManifest | null = await requestBackup(controlSocketOf(config), values.to);
  if (!manifest) {
    via = 'the file (no server running)';
    // As found: an older file is backed up at its own version, not migrated.
    const db = await openDb(config.dbPath, { migrations: [] }).catch((err: Error) => {
      throw new Error(`${config.dbPath}: ${err.message} (is a server running without its control socket?)`);
    });
    try {
      manifest = await takeSnapshot(db, config.dbPath, values.to);
    } finally {
      db.close();
    }
  }
  const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify(
      {
        to: values.to,
        via,
        pauseMs: manifest.pauseMs,
        schemaVersion: manifest.schemaVersion,
        bytes: manifest.files[0]?.bytes,
        tables: Object.keys(manifest.counts).length,
        rows,
        audit: manifest.audit,
      },
      null,
      2,
    ),
  );
} catch (err) {
  console.error(`backup: ${(err as Error).message}`);
  process.exit(1);
}
