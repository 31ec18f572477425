import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnswerCache, encodeAnswer, identityOf } from './answerCache';

/** A JSON answer of about `kb` kilobytes that compresses like a layer does. */
const layerLike = (kb: number, seed = 0) => ({
  features: Array.from({ length: kb * 20 }, (_, i) => ({ id: `C${seed}-${i}`, lon: 116.9 + i / 1e5, lat: 31.05 })),
});

describe('encodeAnswer', () => {
  it('holds brotli and gzip forms that decode to the JSON, and a tag of the content', async () => {
    const value = layerLike(300);
    const a = await encodeAnswer(value, 'v1', 0);
    const json = JSON.stringify(value);
    expect(brotliDecompressSync(a.encoded.br!).toString()).toBe(json);
    expect(gunzipSync(a.encoded.gzip!).toString()).toBe(json);
    expect(a.identity).toBeNull(); // big: only the compressed forms are held
    expect(identityOf(a).toString()).toBe(json);
    expect(a.encoded.br!.length).toBeLessThan(a.encoded.gzip!.length);
    const same = await encodeAnswer(layerLike(300), 'v2', 5);
    expect(same.entity).toBe(a.entity);
    expect((await encodeAnswer(layerLike(300, 1), 'v1', 0)).entity).not.toBe(a.entity);
  });

  it('sends a small answer as it is', async () => {
    const a = await encodeAnswer({ status: 'ok' }, 'v1', 0);
    expect(a.encoded).toEqual({});
    expect(a.identity!.toString()).toBe('{"status":"ok"}');
  });
});

describe('AnswerCache', () => {
  it('builds once per version, and once for requests that arrive together', async () => {
    const cache = new AnswerCache();
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: builds };
    };
    const together = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', '1', build)));
    expect(builds).toBe(1);
    expect(new Set(together.map((a) => a.entity)).size).toBe(1);
    await cache.get('k', '1', build);
    expect(builds).toBe(1);
    await cache.get('k', '2', build);
    expect(builds).toBe(2);
    expect(cache.stats()).toMatchObject({ entries: 1, builds: 2, hits: 1 });
  });

  it('rebuilds an answer older than its freshness even when no table moved', async () => {
    const cache = new AnswerCache();
    let builds = 0;
    const build = async () => ({ n: ++builds });
    await cache.get('k', '1', build, { maxAgeMs: 60_000, nowMs: 0 });
    await cache.get('k', '1', build, { maxAgeMs: 60_000, nowMs: 59_999 });
    expect(builds).toBe(1);
    await cache.get('k', '1', build, { maxAgeMs: 60_000, nowMs: 60_000 });
    expect(builds).toBe(2);
  });

  it('stays within its bytes, dropping the least recently used first', async () => {
    const one = (await encodeAnswer(layerLike(20), '1', 0)).size;
    const cache = new AnswerCache(Math.floor(one * 4.5));
    for (let i = 0; i < 12; i++) {
      await cache.get(`layer-${i}`, '1', async () => layerLike(20, i));
      // layer-0 is read again each time: it is the most recently used and stays.
      await cache.get('layer-0', '1', async () => layerLike(20, 0));
      expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
    }
    expect(cache.stats()).toMatchObject({ entries: 4, evictions: 8 });
    let rebuilt = false;
    await cache.get('layer-0', '1', async () => {
      rebuilt = true;
      return layerLike(20, 0);
    });
    expect(rebuilt).toBe(false);
    await cache.get('layer-1', '1', async () => {
      rebuilt = true;
      return layerLike(20, 1);
    });
    expect(rebuilt).toBe(true);
  });

  it('does not hold an answer bigger than a quarter of the cache', async () => {
    const cache = new AnswerCache(10_000);
    const a = await cache.get('big', '1', async () => layerLike(300));
    expect(a.size).toBeGreaterThan(2_500);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('recompresses a big answer at quality 11 in the background: smaller bytes, same JSON and entity', async () => {
    const cache = new AnswerCache(64 * 1024 * 1024, 200 * 1024);
    const value = layerLike(300);
    const first = await cache.get('components', '1', async () => value);
    const quick = first.encoded.br!;
    const stats = cache.stats().bytes;
    await cache.settled();
    const held = await cache.get('components', '1', async () => value);
    expect(held.entity).toBe(first.entity);
    expect(held.encoded.br!.length).toBeLessThan(quick.length);
    expect(brotliDecompressSync(held.encoded.br!).toString()).toBe(JSON.stringify(value));
    expect(cache.stats().bytes).toBe(stats - (quick.length - held.encoded.br!.length));
    // Small answers are left as they are.
    const small = await cache.get('grids', '1', async () => layerLike(20));
    const smallBr = small.encoded.br;
    await cache.settled();
    expect((await cache.get('grids', '1', async () => layerLike(20))).encoded.br).toBe(smallBr);
  });
});
