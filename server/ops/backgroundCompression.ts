// Compression nobody waits for: the answer cache's second, smaller brotli of a big answer, and the
// 3D Tiles' copies written after start (about a minute of one core for the city). One process at the
// lowest priority (SCHED_IDLE, and nice +19 where that cannot be set), so it only takes CPU that
// nothing else wants: a sign-in storm or a wall of screens at 8:30 is not slowed by the server tidying
// up behind it (lowPriorityWorkers.ts). At nice 19 alone it still took 0.5–0.8 s of CPU from the
// fifty sign-ins of a shift start (bench:serve, per-thread CPU from /proc). A process, not a thread:
// a server told to stop is not held until a minutes-long compression is done.
import { LowPriorityWorkers } from './lowPriorityWorkers';

export const BACKGROUND_NICE = 19;

export const background = new LowPriorityWorkers({
  size: 1,
  nice: BACKGROUND_NICE,
  what: 'background compression',
  idle: true,
  host: 'process',
});

/** Brotli at `quality` (text mode for JSON and other text), in the background process. */
export const brotliInBackground = (data: Uint8Array, quality: number, text: boolean): Promise<Buffer> =>
  background.run({ kind: 'brotli', data, quality, text });

/** Gzip at `level`, in the background process. */
export const gzipInBackground = (data: Uint8Array, level: number): Promise<Buffer> =>
  background.run({ kind: 'gzip', data, level });
