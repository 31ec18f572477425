// The imports of the repository's own TypeScript files, resolved to repository paths, for the layout
// rules (layout.test.ts). A regex over the source is enough: every import here is a static
// `import ... from '...'`, `export ... from '...'` or `import('...')` with a string literal.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportEdge {
  /** The importing file, relative to the root, with '/' separators. */
  from: string;
  /** The imported module: a repository path (no extension) for our own files, else the package name. */
  to: string;
  typeOnly: boolean;
}

const SPECIFIER =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every .ts/.tsx file under `dirs` (relative to `root`), tests included. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) out.push(relative(root, path).split('\\').join('/'));
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return out.sort();
}

/** The module a specifier names, as `importsOf` reports it. */
export function resolveSpecifier(from: string, specifier: string): string {
  if (specifier.startsWith('@domain/')) return `server/domain/${specifier.slice('@domain/'.length)}`;
  if (!specifier.startsWith('.')) return specifier;
  return relative('/', resolve('/', dirname(from), specifier)).replace(/\.(tsx?|css)$/, '');
}

export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const specifier = m[3] ?? m[4]!;
    edges.push({ from: file, to: resolveSpecifier(file, specifier), typeOnly: Boolean(m[2]) });
  }
  return edges;
}
