// The big screen's event statistics (大屏统计): city-wide aggregates over a window of whole days.

export interface StatsWindow {
  /** Inclusive start and exclusive end, ISO 8601 UTC, whole days. */
  from: string;
  to: string;
  days: number;
  /** True when the window was moved back to the dataset's last day. */
  fallback: boolean;
}

/** Events reported on a day (YYYY-MM-DD), and how many of them are closed. */
export interface DailyCount {
  day: string;
  reported: number;
  closed: number;
}

/** Events of a taxonomy category in the window, and how many are still open. */
export interface CategoryCount {
  code: string;
  name: string;
  nameEn: string;
  count: number;
  open: number;
}

/** A department's place in the window's ranking; rates are shares in [0, 1]. */
export interface DepartmentRank {
  rank: number;
  id: string;
  name: string;
  nameEn: string;
  events: number;
  closed: number;
  closureRate: number;
  overdueRate: number;
  /** Mean hours from report to closing, over the closed events; null when none closed. */
  avgHandlingHours: number | null;
}
