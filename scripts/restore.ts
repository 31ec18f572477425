// `npm run restore -- --from DIR` (production: `node dist/scripts/restore.js --from DIR`): puts a
// snapshot back as the store (DB_PATH), after checking it whole — every file's checksum, the rows of
// every table and the audit chain against its manifest; a damaged snapshot is refused and nothing
// changes. The server must be stopped. `--check` only checks.

import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { controlSocketOf, loadConfig } from '../server/config';
import { openDb } from '../server/store/db';
import { restoreSnapshot, verifySnapshot } from '../server/store/snapshot';

const USAGE = 'usage: npm run restore -- --from <snapshot folder> [--check]';

/** True when a server answers on the control socket. */
function serverRunning(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean', default: false } } });
  if (!values.from) throw new Error(`--from is required\n${USAGE}`);
  if (values.check) {
    const problems = await verifySnapshot(values.from);
    console.log(JSON.stringify({ snapshot: values.from, sound: problems.length === 0, problems }, null, 2));
    process.exit(problems.length ? 1 : 0);
  }
  const config = loadConfig();
  const stopFirst = `a server is running on ${config.dbPath}: stop it first (systemctl stop wendu-twin)`;
  if (await serverRunning(controlSocketOf(config))) throw new Error(stopFirst);
  // A server without its socket still holds DuckDB's lock on the file.
  if (existsSync(config.dbPath)) {
    const held = await openDb(config.dbPath, { readOnly: true }).then(
      (db) => {
        db.close();
        return false;
      },
      (err: Error) => /lock/i.test(err.message),
    );
    if (held) throw new Error(stopFirst);
  }
  const { manifest, replaced } = await restoreSnapshot(values.from, config.dbPath);
  console.log(
    JSON.stringify(
      {
        restored: config.dbPath,
        from: values.from,
        takenAt: manifest.createdAt,
        schemaVersion: manifest.schemaVersion,
        replaced,
        counts: manifest.counts,
        audit: manifest.audit,
      },
      null,
      2,
    ),
  );
} catch (err) {
  console.error(`restore: ${(err as Error).message}`);
  process.exit(1);
}
