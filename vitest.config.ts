import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@domain': fileURLToPath(new URL('./server/domain', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'client/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    // Dataset generation and software-rendered WebGL are slow on 2 cores; these are limits, not measurements.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
