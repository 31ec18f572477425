// The ground the generator makes (issue 14 items 2 and 4): the elevation model is the same for the same
// seed, rises to the foothills in the north-west above the plain of the south-east with the city in
// between; land use covers the whole county (fields, forest, lakes and the urban area tile it), forest
// lies on the hills, parks in the city.
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Dem, demFromRows, heightAt } from '../../../server/domain/ground/dem';
import type { LandUse } from '../../../server/domain/model';
import { Rng } from '../random';
import { type Geography, generateGeography, loadReference } from './index';
import { FOREST_FROM_M } from './landUse';
import { generateTerrain } from './terrain';

const reference = loadReference();
let geo: Geography;
let dem: Dem;

beforeAll(() => {
  geo = generateGeography(new Rng(11), reference);
  dem = demFromRows(geo.terrain)!;
}, 120_000);

/** Points spread over the county (a fixed lattice, kept where it falls inside). */
function countyPoints(step: number): [number, number][] {
  const [w, s, e, n] = turf.bbox(reference.county.geometry);
  const out: [number, number][] = [];
  for (let lon = w + step / 2; lon < e; lon += step)
    for (let lat = s + step / 2; lat < n; lat += step)
      if (turf.booleanPointInPolygon([lon, lat], reference.county.geometry)) out.push([lon, lat]);
  return out;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('terrain', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generateTerrain(new Rng(7).fork('terrain'), reference);
    const b = generateTerrain(new Rng(7).fork('terrain'), reference);
    const c = generateTerrain(new Rng(8).fork('terrain'), reference);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('has hills in the north-west, the city at their foot and the plain in the south-east', () => {
    const pts = countyPoints(0.02);
    // towards the north-west from the urban core (116.95 E, 31.05 N): metres along (−x + y)/√2
    const nw = ([lon, lat]: [number, number]) => (-(lon - 116.95) * 0.857 + (lat - 31.05)) / Math.SQRT2;
    const hills = pts.filter((p) => nw(p) > 0.1).map(([lon, lat]) => heightAt(dem, lon, lat));
    const plain = pts.filter((p) => nw(p) < -0.1).map(([lon, lat]) => heightAt(dem, lon, lat));
    expect(hills.length).toBeGreaterThan(10);
    expect(plain.length).toBeGreaterThan(10);
    expect(mean(hills)).toBeGreaterThan(mean(plain) + 100);
    // the highest post of the model: several hundred metres, north-west of the city
    let top = 0;
    dem.heights.forEach((h, i) => {
      if (h > dem.heights[top]!) top = i;
    });
    expect(dem.heights[top]).toBeGreaterThan(300);
    const peak: [number, number] = [
      dem.west + (top % dem.cols) * dem.stepDeg,
      dem.south + Math.floor(top / dem.cols) * dem.stepDeg,
    ];
    expect(nw(peak)).toBeGreaterThan(0.05);
    expect(Math.max(...plain)).toBeLessThan(40);
    expect(mean(plain)).toBeGreaterThanOrEqual(8);
    expect(mean(plain)).toBeLessThan(20);
    const city = heightAt(dem, 116.95, 31.05);
    expect(city).toBeGreaterThan(15);
    expect(city).toBeLessThan(45);
  });
});

describe('land use', () => {
  const contains = (u: LandUse, p: [number, number]) => turf.booleanPointInPolygon(p, turf.polygon(u.polygon));

  it('covers the county: every point of it lies in fields, forest, a lake or the urban area', () => {
    const base = geo.landUse.filter((u) => u.kind !== 'park' && !(u.kind === 'built-up' && u !== urban()));
    const missed = countyPoints(0.025).filter((p) => !base.some((u) => contains(u, p)));
    expect(missed).toEqual([]);
    const area = base.reduce((a, u) => a + u.areaM2, 0);
    expect(area / turf.area(reference.county.geometry)).toBeCloseTo(1, 1);
  });

  it('puts forest on the hills, parks and the urban area in the city, hamlets in the villages', () => {
    const kinds = new Set(geo.landUse.map((u) => u.kind));
    expect(kinds).toEqual(new Set(['field', 'forest', 'park', 'built-up', 'water']));
    for (const f of geo.landUse.filter((u) => u.kind === 'forest')) {
      const c = turf.pointOnFeature(turf.polygon(f.polygon)).geometry.coordinates as [number, number];
      expect(heightAt(dem, c[0], c[1])).toBeGreaterThan(FOREST_FROM_M - 30);
    }
    const parks = geo.landUse.filter((u) => u.kind === 'park');
    expect(parks.length).toBeGreaterThan(2);
    for (const p of parks) expect(contains(urban(), p.polygon[0]![0]!)).toBe(true);
    expect(geo.landUse.filter((u) => u.kind === 'built-up').length).toBeGreaterThan(20);
    expect(new Set(geo.landUse.map((u) => u.id)).size).toBe(geo.landUse.length);
  });
});

/** The urban area: the largest built-up patch. */
function urban(): LandUse {
  return geo.landUse.filter((u) => u.kind === 'built-up').reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
}
