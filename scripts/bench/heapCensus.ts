// A census of a page's JS heap by constructor, from a Chrome DevTools heap snapshot: what the soak
// uses to say not just that the heap grew but what grew. Counts and self sizes per (node type, name).
import type { Page } from 'playwright-core';

export type Census = Map<string, { count: number; bytes: number }>;

export interface Growth {
  name: string;
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const NAMED = new Set(['object', 'closure', 'native', 'array', 'hidden']);

/** Takes a heap snapshot (after a full GC) and counts its objects by type and constructor name. */
export async function heapCensus(page: Page): Promise<Census> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  const snap = JSON.parse(chunks.join('')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const census: Census = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    // numbers and code are grouped by type; objects, closures and arrays by their name (without the
    // snapshot's per-object "@id"); strings by their first 40 characters (what kind of text grew)
    const name = snap.strings[snap.nodes[i + nameAt]!]!;
    const key = NAMED.has(type)
      ? `${type}:${name.replace(/ @\d+$/, '')}`
      : type === 'string'
        ? `string:${name.slice(0, 40)}`
        : type;
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snap.nodes[i + sizeAt]!;
    census.set(key, entry);
  }
  return census;
}

/** What grew most between two censuses, by bytes. */
export function topGrowth(before: Census, after: Census, n = 12): Growth[] {
  const out: Growth[] = [];
  for (const [name, a] of after) {
    const b = before.get(name) ?? { count: 0, bytes: 0 };
    out.push({ name, count: a.count - b.count, bytes: a.bytes - b.bytes });
  }
  for (const [name, b] of before) if (!after.has(name)) out.push({ name, count: -b.count, bytes: -b.bytes });
  return out.sort((x, y) => y.bytes - x.bytes).slice(0, n);
}
