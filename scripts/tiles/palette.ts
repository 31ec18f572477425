// The night-city palette: one hue per building use, chosen to read on a dark globe from a video wall
// (homes cool blue, shops and offices warm gold, public buildings violet, industry teal, village houses
// a dim warm sand). The client's shader adds lit windows on top; these are the walls and roofs.
import type { BuildingUse } from '../../server/domain/model';

/** sRGB hex per use. Also the legend colours (client/twin/buildings). */
export const useColours: Readonly<Record<BuildingUse, string>> = {
  residential: '#4c8dff',
  commercial: '#ffb547',
  public: '#b48cff',
  industrial: '#3fc8b8',
  'village-house': '#c99a6b',
};

export type Rgb = [number, number, number];

/** Linear-light RGB in 0..1 (glTF vertex colours are linear; Cesium converts back to sRGB on output). */
export function linearRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  const toLinear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return [toLinear((n >> 16) & 255), toLinear((n >> 8) & 255), toLinear(n & 255)];
}

/** Brightness of a wall by its outward direction (east, north): a soft fixed light from the north-east sky, so the blocks read as solids without scene lighting. */
export function wallShade(outwardE: number, outwardN: number): number {
  const len = Math.hypot(outwardE, outwardN) || 1;
  const facing = (outwardE * 0.6 + outwardN * 0.8) / len; // -1..1
  return 0.62 + 0.23 * facing;
}

// Factors on linear light: 0.1 linear is about a third of the hue's brightness on screen. Walls stay
// dark, so the lit windows (the client's shader) carry the light, as in a city at night.

/** Walls darken towards the street (relative height 0) and brighten a little towards the top. */
export function heightGlow(relativeHeight: number): number {
  return 0.07 + 0.16 * relativeHeight;
}

/** Roofs: a dim, flat version of the hue, so the blocks' shapes read from above. */
export const ROOF_SHADE = 0.12;
