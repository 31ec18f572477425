// A leader day's month (调度月): `YYYY-MM` in China Standard Time, its bounds as UTC instants, the
// moment its agenda is judged at, and the month before (whose supervised cases it follows up).
import { parsePeriod } from '../assessment';

export interface LeaderMonth {
  value: string;
  /** The month's first instant and the next month's (exclusive), UTC ISO. */
  from: string;
  to: string;
}

/** `YYYY-MM` as a month, or null when it is not one. */
export function parseMonth(value: string): LeaderMonth | null {
  const p = /^\d{4}-\d{2}$/.test(value) ? parsePeriod(value) : null;
  return p && p.kind === 'month' ? { value, from: p.from, to: p.to } : null;
}

/** The month before (2026-01 → 2025-12). */
export function previousMonth(m: LeaderMonth): LeaderMonth {
  const [y, mm] = m.value.split('-').map(Number) as [number, number];
  const value = mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
  return parseMonth(value)!;
}

/** The month (CST) an instant falls in. */
export function monthOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * When the month's agenda is judged: the month's last moment, or now while the month runs. Null for a
 * month that has not begun.
 */
export function agendaAsOf(m: LeaderMonth, now: string): string | null {
  if (Date.parse(m.from) > Date.parse(now)) return null;
  return Date.parse(m.to) <= Date.parse(now) ? new Date(Date.parse(m.to) - 1000).toISOString() : now;
}
