import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../http/answerCache';
import type { Db } from '../store/db';
import { brotliInBackground } from './backgroundCompression';
import { createMetrics } from './metrics';

describe('metrics', () => {
  it("count the background process's compression jobs, running and waiting, until they are done", async () => {
    // Only this gauge is read, so no store is asked.
    const metrics = createMetrics({ db: {} as Db, dbPath: '/nonexistent', ingest: null, now: () => '' });
    const jobs = async () => (await metrics.registry.getSingleMetric('wendu_background_jobs')!.get()).values[0]!.value;
    expect(await jobs()).toBe(0);
    // Incompressible bytes at quality 11: each job takes a moment in the one background process.
    const bytes = randomBytes(256 << 10);
    const running = [brotliInBackground(bytes, 11, false), brotliInBackground(bytes, 11, false)];
    expect(await jobs()).toBe(2);
    await running[0];
    expect(await jobs()).toBeLessThanOrEqual(1);
    await running[1];
    expect(await jobs()).toBe(0);
    // the process runs under SCHED_IDLE: on a machine busy with the rest of the suite it gets a core late
  }, 120_000);

  it("count the answer cache's builds and hits, and the bytes it holds", async () => {
    const answers = new AnswerCache();
    const metrics = createMetrics({ db: {} as Db, dbPath: '/nonexistent', ingest: null, now: () => '', answers });
    const read = async (name: string) => (await metrics.registry.getSingleMetric(name)!.get()).values[0]!.value;
    const build = async () => ({ text: '文都'.repeat(2000) });
    await answers.get('a', 'v1', build);
    await answers.get('a', 'v1', build);
    await answers.get('a', 'v2', build);
    expect(await read('wendu_answer_cache_builds_total')).toBe(2);
    expect(await read('wendu_answer_cache_hits_total')).toBe(1);
    expect(await read('wendu_answer_cache_bytes')).toBe(answers.stats().bytes);
    expect(answers.stats().bytes).toBeGreaterThan(0);
  });
});
