// How long to wait before reconnecting the live stream after `failures` failed attempts in a row:
// doubling from 1 s up to 60 s, with up to 20% jitter so a wall of screens does not reconnect in step.
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, Math.min(failures, 10)));
  return Math.round(base * (1 + 0.2 * random()));
}
