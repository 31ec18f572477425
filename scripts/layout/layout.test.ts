// The layout's rules (README, "Where does my change go"): dependencies run one way. Each row says which
// files it governs and which modules they must not import; a new file falls under the rows at once.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importsOf, resolveSpecifier, sourceFiles } from './imports';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Rule {
  title: string;
  /** Files the rule governs (path prefixes). */
  files: string[];
  /** Import targets (path prefixes or package names) they must not use. */
  forbidden: string[];
  /** Edges allowed despite `forbidden`. */
  except?: (edge: ImportEdge) => boolean;
}

const RULES: Rule[] = [
  {
    title: 'the domain is pure: no store, routes, ingest, I/O or Node built-ins',
    files: ['server/domain/'],
    forbidden: [
      'server/store',
      'server/routes',
      'server/http',
      'server/ingest',
      'server/auth',
      'node:',
      '@duckdb',
      'hono',
    ],
  },
  {
    title: 'the store knows nothing of HTTP or MQTT',
    files: ['server/store/'],
    forbidden: ['server/routes', 'server/http', 'server/ingest', 'hono', '@hono'],
  },
  {
    title: 'operations (logs, metrics, backups) know no routes or pages',
    files: ['server/ops/'],
    forbidden: ['server/routes', 'client/'],
  },
  {
    title: 'the client sees the server only through the domain and the API type',
    files: ['client/'],
    forbidden: ['server/'],
    // Tests may cross-check the client against the server (a panel's permissions against the access table).
    except: (e) =>
      e.to.startsWith('server/domain/') ||
      (e.typeOnly && e.from.startsWith('client/api/') && e.to === 'server/app') ||
      e.from.endsWith('.test.ts'),
  },
  {
    title: 'the client bundle holds no zod',
    files: ['client/'],
    forbidden: ['zod', '@hono/zod-openapi'],
    except: (e) => e.typeOnly,
  },
  {
    title: 'the API client is the bottom of the client: it imports no layer, panel or page',
    files: ['client/api/'],
    forbidden: ['client/twin', 'client/ui', 'client/views'],
  },
  {
    title: 'map layers (client/twin) know no pages or shared UI',
    files: ['client/twin/'],
    forbidden: ['client/views', 'client/ui'],
  },
  {
    title: 'shared UI (client/ui) knows no pages or map layers',
    files: ['client/ui/'],
    forbidden: ['client/views', 'client/twin'],
  },
  {
    title: 'UI text (client/messages) is data: it imports nothing',
    files: ['client/messages/'],
    forbidden: ['client/', 'server/', 'react', 'hono'],
  },
  {
    title: 'only client/api talks HTTP (no fetch elsewhere is checked by review; no hono client elsewhere here)',
    files: ['client/twin/', 'client/ui/', 'client/views/'],
    forbidden: ['hono/client'],
  },
];

const files = sourceFiles(ROOT, ['client', 'server', 'scripts', 'tests']);
const edges = files.flatMap((file) => importsOf(ROOT, file));

describe('resolveSpecifier', () => {
  it.each([
    {
      title: 'a relative path',
      from: 'client/twin/grids/grids.layer.ts',
      spec: '../../api/twinApi',
      expected: 'client/api/twinApi',
    },
    {
      title: 'the domain alias',
      from: 'client/views/twin/CityTwin.tsx',
      spec: '@domain/model',
      expected: 'server/domain/model',
    },
    { title: 'a package', from: 'server/app.ts', spec: 'hono/compress', expected: 'hono/compress' },
    { title: 'a stylesheet', from: 'client/ui/EChart.tsx', spec: './chart.css', expected: 'client/ui/chart' },
  ])('$title', ({ from, spec, expected }) => {
    expect(resolveSpecifier(from, spec)).toBe(expected);
  });
});

describe('layout', () => {
  it('finds the files and their imports', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(edges.some((e) => e.from === 'server/app.ts' && e.to === 'server/routes/alarms')).toBe(true);
  });

  it.each(RULES.map((rule) => ({ ...rule, name: rule.title })))('$name', (rule) => {
    const offending = edges.filter(
      (e) =>
        rule.files.some((prefix) => e.from.startsWith(prefix)) &&
        rule.forbidden.some(
          (prefix) =>
            e.to === prefix ||
            e.to.startsWith(prefix.endsWith(':') ? prefix : `${prefix.replace(/\/$/, '')}/`) ||
            e.to.startsWith(prefix),
        ) &&
        !rule.except?.(e),
    );
    expect(offending.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});
