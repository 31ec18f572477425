import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@domain': fileURLToPath(new URL('./server/domain', import.meta.url)) };

// Three projects. `unit`: the tests beside the code (pure modules, layer models), no set-up, seconds
// (`npm run test:unit`). `generator`: the dataset generator's parts, each generating a small city of its
// own (tens of seconds). `integration`: tests/, on a real DuckDB file, a real MQTT broker
// and a real Chromium, after tests/globalSetup.ts has built the small dataset, its tiles and the client.
export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          globalSetup: ['tests/scratch.ts'],
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'client/**/*.test.ts'],
          exclude: ['scripts/generate/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'generator',
          globalSetup: ['tests/scratch.ts'],
          include: ['scripts/generate/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/scratch.ts', 'tests/globalSetup.ts'],
          // Every server a test starts would brotli the shared tiles in the background: minutes of CPU
          // on two cores. tests/tileCompression.test.ts covers it on a few tiles of its own.
          env: { TILES_PRECOMPRESS: '0' },
          // Dataset generation and software-rendered WebGL are slow on 2 cores; these are limits, not measurements.
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
