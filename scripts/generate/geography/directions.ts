// Compass characters in place names (东关 "east gate", 西苑 "west garden", 南演, 新西): the direction a
// name claims, as a unit vector east/north, so a named unit can be put on that side and checked there.
import type { XY } from './planar';

const COMPASS: Record<string, XY> = { 东: [1, 0], 西: [-1, 0], 南: [0, -1], 北: [0, 1] };

/** The direction a unit's name claims (the first compass character of its stem), or null. */
export function directionOf(name: string): XY | null {
  const stem = name.replace(/(社区|村|镇|街道)$/, '');
  for (const ch of stem) {
    const d = COMPASS[ch];
    if (d) return d;
  }
  return null;
}
