// The figures of the seed article (shared/seed/FACTS.md) that the reference dataset reproduces.
// Structure (the admin tree, the taxonomy, departments) is fixed; volumes scale with `--scale`.

export const COUNTY_CODE = '340881';
export const URBAN_CORE: [number, number] = [116.95, 31.05];

/** Structure: never scaled. */
export const STRUCTURE = {
  subdistricts: 3,
  communities: 23,
  urbanGrids: 105,
  towns: 2,
  villages: 39,
  villageGrids: 199,
  departments: 22,
  /** The city grid service management centre's staff (16 seats, 坐席). */
  centreSeats: 16,
  taxonomy: { categories: 9, subcategories: 32, items: 90 },
  communityPartyAlliances: 23,
  gridPartyBranches: 63,
  compoundPartyGroups: 211,
} as const;

/** Volumes at scale 1. */
export const VOLUMES = {
  components: 24_772,
  cameras: 1_309,
  patrolPoints: 539,
  residents: 240_000,
  unitHeads: 1_372,
  events: 170_000,
  /** Share of historical events closed. */
  closureRate: 0.993,
} as const;

/** Households per grid at scale 1 (每个网格300-500户). */
export const HOUSEHOLDS_PER_GRID = { min: 300, max: 500 } as const;

/** The volume `n` at a scale, rounded; at least 1 for any positive volume. */
export function scaled(n: number, scale: number): number {
  return Math.max(1, Math.round(n * scale));
}
