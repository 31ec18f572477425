import type { LonLat } from '@domain/model';
import { describe, expect, it } from 'vitest';
import type { CameraFeature } from '../../api/twinApi';
import { cameraIconKey, cameraIconUrl, cameraSpecs, coverageSector } from './cameras.model';

const M_PER_DEG_LAT = 111_320;
const distanceM = ([a, b]: LonLat, [c, d]: LonLat) =>
  Math.hypot((c - a) * M_PER_DEG_LAT * Math.cos((b * Math.PI) / 180), (d - b) * M_PER_DEG_LAT);
const bearingDeg = ([a, b]: LonLat, [c, d]: LonLat) =>
  ((Math.atan2((c - a) * Math.cos((b * Math.PI) / 180), d - b) * 180) / Math.PI + 360) % 360;

describe('coverageSector', () => {
  const cases: { title: string; heading: number; fov: number; range: number; first: number; last: number }[] = [
    { title: 'looking north, 60°', heading: 0, fov: 60, range: 100, first: 330, last: 30 },
    { title: 'looking east, 90°', heading: 90, fov: 90, range: 250, first: 45, last: 135 },
    { title: 'looking south-west, 40°', heading: 225, fov: 40, range: 80, first: 205, last: 245 },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const apex: LonLat = [116.95, 31.05];
      const ring = coverageSector(apex, c.heading, c.fov, c.range, 8);
      expect(ring).toHaveLength(11);
      expect(ring[0]).toEqual(apex);
      expect(ring.at(-1)).toEqual(apex);
      for (const p of ring.slice(1, -1)) expect(distanceM(apex, p)).toBeCloseTo(c.range, 0);
      expect(bearingDeg(apex, ring[1]!)).toBeCloseTo(c.first, 1);
      expect(bearingDeg(apex, ring.at(-2)!)).toBeCloseTo(c.last, 1);
    });
  }
});

describe('camera icons', () => {
  const cases: [owner: string, online: boolean, key: string][] = [
    ['police', true, 'online-police'],
    ['urban-management', true, 'online-urban-management'],
    ['police', false, 'offline'],
    ['urban-management', false, 'offline'],
  ];
  for (const [owner, online, key] of cases)
    it(`${owner} ${online ? 'online' : 'offline'} → ${key}`, () => expect(cameraIconKey(owner, online)).toBe(key));

  it('makes a self-contained SVG data URL (no network)', () => {
    const url = cameraIconUrl('offline', 40);
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(url)).toContain('width="40"');
  });

  it('lets offline cameras win their declutter cell', () => {
    const camera = (id: string, online: boolean, lon: number): CameraFeature => ({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [lon, 31] },
      properties: {
        id,
        code: id,
        owner: 'police',
        headingDeg: 0,
        fovDeg: 60,
        rangeM: 80,
        heightM: 6,
        online,
        gridId: 'G',
      },
    });
    const [a, b] = cameraSpecs([camera('a', true, 117), camera('b', false, 117.00001)]);
    expect(b!.maxDistanceM).toBeGreaterThan(a!.maxDistanceM);
    expect([a!.icon, b!.icon]).toEqual(['online-police', 'offline']);
  });
});
