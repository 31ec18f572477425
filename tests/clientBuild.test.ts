// The client every test, `npm start` and the render benchmark serve is a production build, though the
// global set-up builds it under vitest (NODE_ENV=test): a development React in dist/client once made
// the benchmark's first frame of /screen 4–5 s later than the code deserved, unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecordPath, clientIsCurrent } from '../scripts/clientBuild';

const DIST = 'dist/client';

describe('the built client', () => {
  it('is current and recorded as a production build', () => {
    expect(clientIsCurrent(DIST)).toBe(true);
    expect(JSON.parse(readFileSync(buildRecordPath(DIST), 'utf8')).mode).toBe('production');
  });

  it("bundles React's production build", () => {
    const scripts = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('react-'))).toBe(true);
    const development = scripts.filter((f) => {
      const text = readFileSync(join(DIST, 'assets', f), 'utf8');
      return text.includes('runWithFiberInDEV') || text.includes('Download the React DevTools');
    });
    expect(development).toEqual([]);
  });
});
