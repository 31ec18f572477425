// When the nightly backup (夜间备份) runs, what its folders are called, and which old ones go. Pure:
// the clock is passed in. Times of day are the server's local time, as an operator writes them.

/** "HH:MM" (24 h) → minutes after midnight; null for "off" or an empty value. Throws on anything else. */
export function parseTimeOfDay(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'off') return null;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(t);
  if (!m) throw new Error(`"${text}": expected a time of day as HH:MM (24 h), or "off"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The next moment at `minuteOfDay` (local time) strictly after `now`. */
export function nextRunAt(now: Date, minuteOfDay: number): Date {
  const next = new Date(now);
  next.setHours(Math.floor(minuteOfDay / 60), minuteOfDay % 60, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

export const NIGHTLY_PREFIX = 'wendu-';

/** A nightly snapshot's folder name: `wendu-20261101T023000Z` (UTC, sorts by time). */
export function snapshotFolderName(at: Date, prefix = NIGHTLY_PREFIX): string {
  return `${prefix}${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;
}

/**
 * Of the folders in the backup directory, the nightly ones to delete so that the newest `keep` stay.
 * Folders that are not nightly snapshots (a manual backup, a pre-upgrade one) are never chosen.
 */
export function snapshotsToPrune(folders: readonly string[], keep: number): string[] {
  const nightly = folders.filter((f) => /^wendu-\d{8}T\d{6}Z$/.test(f)).sort();
  return nightly.slice(0, Math.max(0, nightly.length - keep));
}
