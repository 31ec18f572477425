import { describe, expect, it } from 'vitest';
import { angleBetween, bestCoverage, camerasCovering, coverage, distanceAndBearing } from './cameraCoverage';
import type { Camera, LonLat } from './model';

const O: LonLat = [116.95, 31.05];
/** A point `m` metres from O on bearing `deg`. */
function at(m: number, deg: number): LonLat {
  const r = (deg * Math.PI) / 180;
  const dLat = (m * Math.cos(r)) / 111_195;
  const dLon = (m * Math.sin(r)) / (111_195 * Math.cos((O[1] * Math.PI) / 180));
  return [O[0] + dLon, O[1] + dLat];
}
const cam = (id: string, position: LonLat, headingDeg: number, fovDeg = 60, rangeM = 100, online = true): Camera => ({
  id,
  code: id,
  owner: 'police',
  position,
  headingDeg,
  fovDeg,
  rangeM,
  heightM: 6,
  online,
  gridId: 'G',
});

describe('distanceAndBearing', () => {
  it.each([
    [50, 0],
    [80, 90],
    [120, 225],
    [10, 359],
  ])('%i m at %i°', (m, deg) => {
    const { distanceM, bearingDeg } = distanceAndBearing(O, at(m, deg));
    expect(distanceM).toBeCloseTo(m, 0);
    expect(angleBetween(bearingDeg, deg)).toBeLessThan(0.1);
  });
});

describe('coverage', () => {
  it.each([
    ['in front, in range', cam('a', at(50, 180), 0), true], // camera 50 m south looking north
    ['behind the camera', cam('b', at(50, 180), 180), false],
    ['out of range', cam('c', at(150, 180), 0), false],
    ['just inside the cone edge', cam('d', at(50, 180), 29), true],
    ['just outside the cone edge', cam('e', at(50, 180), 31), false],
    ['across north (heading 350°, place at 10°)', cam('f', at(50, 190), 350, 60), true],
  ] as const)('%s', (_t, c, expected) => {
    expect(coverage(c, O) !== null).toBe(expected);
  });

  it('gives a viewpoint at the camera looking at the place, downwards', () => {
    const v = coverage(cam('a', at(50, 180), 10), O)!.viewpoint;
    expect(angleBetween(v.headingDeg, 0)).toBeLessThan(0.5);
    expect(v.pitchDeg).toBeCloseTo(-Math.atan2(6, 50) * (180 / Math.PI), 1);
  });
});

describe('camerasCovering / bestCoverage', () => {
  it('lists covering cameras nearest first; the best is the nearest online one', () => {
    const cams = [
      cam('far', at(90, 0), 180),
      cam('near-off', at(20, 90), 270, 60, 100, false),
      cam('mid', at(40, 270), 90),
      cam('away', at(30, 0), 0),
    ];
    const list = camerasCovering(cams, O);
    expect(list.map((c) => c.camera.id)).toEqual(['near-off', 'mid', 'far']);
    expect(bestCoverage(list)!.camera.id).toBe('mid');
  });
});
