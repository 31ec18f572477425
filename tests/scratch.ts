// Once per test run, before anything else: every temporary file the run makes (a DuckDB copy per test,
// key and account files, a broker's configuration, a Chromium profile, the small dataset) goes into one
// folder that is removed when the run ends. Before this, each run left hundreds of folders in /tmp.
// The forks that run the tests, and the servers and brokers they start, inherit TMPDIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'wendu-run-'));
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
