// Compression nobody waits for: the answer cache's second, smaller brotli of a big answer, and the
// 3D Tiles' copies written after start (about a minute of one core for the city). One thread at the
// lowest priority (SCHED_IDLE, and nice +19 where that cannot be set), so it only takes CPU that
// nothing else wants: a sign-in storm or a wall of screens at 8:30 is not slowed by the server tidying
// up behind it (lowPriorityThreads.ts). At nice 19 alone it still took 0.5–0.8 s of CPU from the
// fifty sign-ins of a shift start (bench:serve, per-thread CPU from /proc).
import { LowPriorityThreads } from './lowPriorityThreads';

export const BACKGROUND_NICE = 19;

export const background = new LowPriorityThreads(1, BACKGROUND_NICE, 'background compression', true);

/** Brotli at `quality` (text mode for JSON and other text), on the background thread. */
export const brotliInBackground = (data: Uint8Array, quality: number, text: boolean): Promise<Buffer> =>
  background.run({ kind: 'brotli', data, quality, text });

/** Gzip at `level`, on the background thread. */
export const gzipInBackground = (data: Uint8Array, level: number): Promise<Buffer> =>
  background.run({ kind: 'gzip', data, level });
