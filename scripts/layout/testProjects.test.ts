// The test projects' contract (vitest.config.ts): `npm run test:unit` runs without the global set-up
// (it has only the run's scratch folder), so no test it picks up may depend on it. Before the split every run, even of one domain test, first
// generated a dataset, built its tiles and the client.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config';
import { sourceFiles } from './imports';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Project {
  test: { name: string; include: string[]; exclude?: string[]; globalSetup?: string[] };
}
const projects = (config.test?.projects ?? []) as Project[];
const project = (name: string) => projects.find((p) => p.test.name === name)!.test;

/** A glob of vitest's include lists as a RegExp (`**` any folders, `*` within a name). */
function globToRegExp(glob: string): RegExp {
  const literal = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const segments = glob.split('/');
  const body = segments
    .map((segment, i) => {
      const last = i === segments.length - 1;
      if (segment === '**') return last ? '.*' : '(?:[^/]+/)*';
      return segment.split('*').map(literal).join('[^/]*') + (last ? '' : '/');
    })
    .join('');
  return new RegExp(`^${body}$`);
}
const matches = (globs: string[] | undefined, file: string) => (globs ?? []).some((g) => globToRegExp(g).test(file));

describe('globToRegExp', () => {
  it.each([
    { glob: 'tests/**/*.test.ts', file: 'tests/api.test.ts', expected: true },
    { glob: 'tests/**/*.test.ts', file: 'tests/browser/screen.test.ts', expected: true },
    { glob: 'client/**/*.test.ts', file: 'client/api/liveBackoff.test.ts', expected: true },
    { glob: 'client/**/*.test.ts', file: 'client/api/liveBackoff.ts', expected: false },
    { glob: 'server/**/*.test.ts', file: 'tests/server.test.ts', expected: false },
    { glob: 'scripts/generate/**', file: 'scripts/generate/geography/geography.test.ts', expected: true },
  ])('$glob ~ $file: $expected', ({ glob, file, expected }) => {
    expect(globToRegExp(glob).test(file)).toBe(expected);
  });
});

describe('test projects', () => {
  const testFiles = sourceFiles(ROOT, ['client', 'server', 'scripts', 'tests']).filter((f) => f.endsWith('.test.ts'));
  const inUnit = testFiles.filter((f) => matches(project('unit').include, f) && !matches(project('unit').exclude, f));

  it('the unit project has no global set-up but the scratch folder (tests/scratch.ts, no data)', () => {
    expect(project('unit').globalSetup ?? []).toEqual(['tests/scratch.ts']);
    expect(config.test?.globalSetup ?? []).toEqual([]);
  });

  it('no unit test reads what the global set-up provides', () => {
    expect(inUnit.length).toBeGreaterThan(20);
    const needingSetUp = inUnit.filter((f) => /\binject\(/.test(readFileSync(`${ROOT}/${f}`, 'utf8')));
    expect(needingSetUp).toEqual([]);
  });

  it('every test file belongs to exactly one project', () => {
    const owners = (f: string) =>
      projects.filter((p) => matches(p.test.include, f) && !matches(p.test.exclude, f)).length;
    expect(testFiles.filter((f) => owners(f) !== 1)).toEqual([]);
  });
});
