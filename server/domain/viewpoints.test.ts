import { describe, expect, it } from 'vitest';
import type { LonLat } from './model';
import { densest, lookAt, type ViewpointPlaces, viewpoints } from './viewpoints';

const target: LonLat = [116.95, 31.04];

describe('lookAt', () => {
  it('stands back from the target against the heading, at the height the pitch gives', () => {
    const north = lookAt(target, 1000, 0, -30);
    expect(north.lat).toBeLessThan(target[1]); // looking north: the camera is south of the target
    expect(north.lon).toBeCloseTo(target[0], 9);
    expect(north.heightM).toBeCloseTo(500, 6);
    expect((target[1] - north.lat) * 111_320).toBeCloseTo(1000 * Math.cos(Math.PI / 6), 3);

    // aimed at a point 40 m up (a hill, a tower's middle): the whole pose 40 m higher
    expect(lookAt(target, 1000, 0, -30, 40)).toEqual({ ...north, heightM: north.heightM + 40 });

    const east = lookAt(target, 1000, 90, -30);
    expect(east.lon).toBeLessThan(target[0]); // looking east: the camera is west
    expect(east.lat).toBeCloseTo(target[1], 9);
    expect(east).toMatchObject({ headingDeg: 90, pitchDeg: -30 });
  });
});

describe('densest', () => {
  it('finds the hamlet, not the empty middle between two', () => {
    const hamlet = Array.from({ length: 8 }, (_, i): LonLat => [116.9 + i * 0.0002, 31]);
    const lone: LonLat[] = [
      [116.95, 31.02],
      [116.96, 31.03],
    ];
    const best = densest([...lone, ...hamlet], 120);
    expect(hamlet).toContainEqual(best);
  });
});

describe('viewpoints', () => {
  const places: ViewpointPlaces = {
    county: { name: '桐城市', bbox: [116.6, 30.8, 117.2, 31.3] },
    oldTown: {
      name: '六尺巷',
      vertices: [
        [116.95, 31.04],
        [116.952, 31.042],
      ],
    },
    newCompound: { name: '某小区1栋', position: [116.97, 31.05], heightM: 90 },
    village: { name: '月山村第一网格', houses: [target, [116.9501, 31.0401]] },
    river: {
      name: '龙眠河',
      line: [
        [116.9, 31.0],
        [116.95, 31.0],
        [117.0, 31.0],
      ],
      near: [116.951, 31.01],
    },
  };

  it('gives the five views in menu order, each looking down at its place from above the ground', () => {
    const views = viewpoints(places);
    expect(views.map((v) => v.key)).toEqual(['county', 'old-town', 'new-compound', 'village', 'river']);
    for (const v of views) {
      expect(v.view.pitchDeg).toBeLessThan(0);
      expect(v.view.heightM).toBeGreaterThan(50);
    }
    expect(views.find((v) => v.key === 'old-town')!.target).toEqual([116.951, 31.041]);
  });

  it('frames the whole county from farther than any street view', () => {
    const [county, ...rest] = viewpoints(places);
    for (const v of rest) expect(county!.view.heightM).toBeGreaterThan(v.view.heightM * 5);
  });

  it('looks along the river where it passes nearest the city', () => {
    const river = viewpoints(places).find((v) => v.key === 'river')!;
    expect(river.target).toEqual([116.95, 31.0]);
    expect(river.view.headingDeg).toBeCloseTo(90, 6); // the river runs east here
  });

  it("looks at each place on the ground, and at the tower's middle, not at the ellipsoid under them", () => {
    const flat = viewpoints(places);
    // a town on a slope: 30 m up in the west, 60 m in the east
    const hilly = viewpoints(places, (lon) => 30 + (lon - 116.6) * 50);
    for (const [k, v] of hilly.entries()) {
      const ground = 30 + (v.target[0] - 116.6) * 50;
      expect(v.view.heightM - flat[k]!.view.heightM, v.key).toBeCloseTo(ground, 6);
      expect(v.view.lon).toBe(flat[k]!.view.lon);
      expect(v.view.lat).toBe(flat[k]!.view.lat);
    }
    // the 90-m tower, 540 m away 30° down: its middle, 45 m up, in the middle of the screen
    expect(flat.find((v) => v.key === 'new-compound')!.view.heightM).toBeCloseTo(540 * Math.sin(Math.PI / 6) + 45, 6);
  });

  it('leaves out what the data lacks', () => {
    const views = viewpoints({ ...places, oldTown: null, village: { name: 'x', houses: [] } });
    expect(views.map((v) => v.key)).toEqual(['county', 'new-compound', 'river']);
  });
});
