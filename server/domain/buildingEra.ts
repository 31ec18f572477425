// A building's era (年代) from the year it was built: the old town's houses and walk-ups from before
// the housing reform, the 6–7-floor blocks of the 1990s–2000s, and the towers of the 2010s on.
export const BUILDING_ERAS = ['before-1990', '1990-2009', 'since-2010'] as const;
export type BuildingEra = (typeof BUILDING_ERAS)[number];

export function eraOf(builtYear: number): BuildingEra {
  if (builtYear < 1990) return 'before-1990';
  if (builtYear < 2010) return '1990-2009';
  return 'since-2010';
}
