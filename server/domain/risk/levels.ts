// The areas the risk score is given for: every level of the admin tree, and H3 cells at three
// resolutions (regular hexagons compare like with like; admin units differ in size by 100×).
import type { H3Resolution } from './cells';

/** The admin levels of admin_units (网格、社区/村、街道/镇、市). */
export const ADMIN_LEVELS = ['city', 'subdistrict', 'town', 'community', 'village', 'grid'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export const H3_LEVELS = ['h3r8', 'h3r9', 'h3r10'] as const;
export type H3Level = (typeof H3_LEVELS)[number];

export const RISK_LEVELS = [...ADMIN_LEVELS, ...H3_LEVELS] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isH3Level(level: RiskLevel): level is H3Level {
  return (H3_LEVELS as readonly string[]).includes(level);
}

export function resolutionOf(level: H3Level): H3Resolution {
  return Number(level.slice(3)) as H3Resolution;
}
