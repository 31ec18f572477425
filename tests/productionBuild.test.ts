// The production build runs without TypeScript tooling: `npm run build`'s server output, with the
// client, package files, reference data and docs copied into a fresh folder as an installation would
// be, `npm ci --omit=dev` there (no tsx, no typescript, no esbuild, no vite), then the compiled
// programs: prepare.js on the shipped dataset, and `node dist/server/main.js`, which serves the client
// and signs a user in.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { buildServer } from '../scripts/build';
import { startServerProcess } from './helpers/serverProcess';
import { SMALL } from './helpers/small';

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env } });
  let output = '';
  child.stdout.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    output += b.toString();
  });
  return new Promise<{ status: number | null; output: string }>((resolve) =>
    child.once('close', (status) => resolve({ status, output })),
  );
}

describe('production build', () => {
  it('installs with npm ci --omit=dev and runs with node alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wendu-prod-'));
    try {
      await buildServer(join(root, 'dist'));
      cpSync('dist/client', join(root, 'dist/client'), { recursive: true }); // built by the global set-up
      for (const f of ['package.json', 'package-lock.json', 'data/reference', 'config', 'docs'])
        cpSync(f, join(root, f), { recursive: true });
      const install = await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], root);
      expect(install.status, install.output).toBe(0);
      for (const tool of ['tsx', 'typescript', 'esbuild', 'vite', 'vitest'])
        expect(existsSync(join(root, 'node_modules', tool)), tool).toBe(false);

      // a data folder handed over as generated (the small dataset), which prepare.js finds current
      const dataDir = join(root, 'data/generated');
      cpSync(inject('smallDataDir'), dataDir, { recursive: true });
      const env = { DATA_DIR: dataDir, SEED: String(SMALL.seed), SCALE: String(SMALL.scale) };
      const prepared = await run(process.execPath, ['dist/scripts/prepare.js'], root, env);
      expect(prepared.status, prepared.output).toBe(0);
      expect(prepared.output).toMatch(/Reference dataset: up to date[\s\S]*3D city: up to date/);

      const server = await startServerProcess(
        { ...env, PORT: '0', MQTT_PORT: '0', NODE_OPTIONS: '' },
        { command: process.execPath, args: ['dist/server/main.js'], cwd: root },
      );
      try {
        expect((await server.api('/auth/me', { role: 'centre' })).user).toMatchObject({ role: 'centre' });
        const page = await fetch(`${server.url}/screen`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root">');
        expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000); // npm ci on a loaded 2-core machine: a limit, not a measurement
});
