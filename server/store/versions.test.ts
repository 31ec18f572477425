// Cached answers are only as fresh as the versions the writers move: every table this folder writes
// must be named in a `versions.bump(...)` of the same module. A new writer that forgets fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataVersions } from './versions';

const DIR = fileURLToPath(new URL('.', import.meta.url));
/** db.ts records migrations; load.ts fills an empty store before any server reads it. */
const EXEMPT = new Set(['db.ts', 'load.ts', 'migrations.ts']);

const modules = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !EXEMPT.has(f));

/** The code without its comments (a comment may say "an UPDATE on the writer"). */
const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

function writtenTables(source: string): Set<string> {
  const tables = new Set<string>();
  source = code(source);
  for (const m of source.matchAll(/\b(?:INSERT (?:OR REPLACE )?INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g))
    tables.add(m[1]!);
  for (const m of source.matchAll(/createAppender\('([a-z_]+)'\)/g)) tables.add(m[1]!);
  return tables;
}

function bumpedTables(source: string): Set<string> {
  const tables = new Set<string>();
  for (const call of source.matchAll(/versions\.bump\(([^)]*)\)/g))
    for (const name of call[1]!.matchAll(/'([a-z_]+)'/g)) tables.add(name[1]!);
  return tables;
}

describe('the store moves the version of every table it writes', () => {
  it('finds writers to check', () => {
    expect(modules.filter((f) => writtenTables(readFileSync(`${DIR}/${f}`, 'utf8')).size > 0).length).toBeGreaterThan(
      8,
    );
  });

  it.each(modules)('%s', (file) => {
    const source = readFileSync(`${DIR}/${file}`, 'utf8');
    const bumped = bumpedTables(source);
    expect([...writtenTables(source)].filter((t) => !bumped.has(t))).toEqual([]);
  });
});

describe('DataVersions', () => {
  it('moves only the tables named', () => {
    const v = new DataVersions();
    const before = {
      layer: v.key(['components']),
      overview: v.key(['components', 'events']),
      cams: v.key(['cameras']),
    };
    v.bump('events');
    expect(v.key(['components'])).toBe(before.layer);
    expect(v.key(['cameras'])).toBe(before.cams);
    expect(v.key(['components', 'events'])).not.toBe(before.overview);
    v.bump('components', 'cameras');
    expect(v.key(['cameras'])).not.toBe(before.cams);
    expect(v.of('events')).toBe(1);
    expect(v.of('never_written')).toBe(0);
  });
});
