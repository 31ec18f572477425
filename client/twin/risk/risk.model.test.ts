import { describe, expect, it } from 'vitest';
import { mainFactor, RISK_CLASSES, type RiskArea, riskClassOf, riskPatches } from './risk.model';

const area = (areaId: string, score: number, factors: Record<string, number> = {}): RiskArea => ({
  areaId,
  name: areaId,
  score,
  factors,
});
const square = (x: number) => [
  [x, 30],
  [x + 0.01, 30],
  [x + 0.01, 30.01],
  [x, 30.01],
];

describe('risk classes', () => {
  it('puts each score in the class whose range holds it, clamping the ends', () => {
    expect(riskClassOf(0)).toBe(RISK_CLASSES[0]);
    expect(riskClassOf(19.99)).toBe(RISK_CLASSES[0]);
    expect(riskClassOf(20)).toBe(RISK_CLASSES[1]);
    expect(riskClassOf(79.9)).toBe(RISK_CLASSES[3]);
    expect(riskClassOf(100)).toBe(RISK_CLASSES[4]);
    expect(riskClassOf(-5)).toBe(RISK_CLASSES[0]);
    expect(riskClassOf(140)).toBe(RISK_CLASSES[4]);
  });

  it('grows more opaque as the risk rises', () => {
    for (let i = 1; i < RISK_CLASSES.length; i++) {
      expect(RISK_CLASSES[i]!.min).toBeGreaterThan(RISK_CLASSES[i - 1]!.min);
      expect(RISK_CLASSES[i]!.alpha).toBeGreaterThan(RISK_CLASSES[i - 1]!.alpha);
    }
  });
});

describe('mainFactor', () => {
  it('names the largest contribution', () => {
    expect(mainFactor(area('g', 50, { cases: 10, vulnerable: 30, cameraGaps: 10 }))).toEqual({
      name: 'vulnerable',
      contribution: 30,
    });
  });

  it('is null when nothing contributes', () => {
    expect(mainFactor(area('g', 0, { cases: 0, sentiment: 0 }))).toBeNull();
  });
});

describe('riskPatches', () => {
  const features = [
    { properties: { id: 'A', level: 'grid' }, geometry: { type: 'Polygon', coordinates: [square(117)] } },
    {
      properties: { id: 'B', level: 'grid' },
      geometry: { type: 'MultiPolygon', coordinates: [[square(117.1)], [square(117.2)]] },
    },
    { properties: { id: 'C', level: 'grid' }, geometry: { type: 'Polygon', coordinates: [square(117.3)] } },
  ];

  it('fills each ring of every scored unit in its class colour, and leaves unscored units clear', () => {
    const patches = riskPatches(features, [area('A', 85), area('B', 10)]);
    expect(patches.map((p) => p.key)).toEqual(['A#0', 'B#0', 'B#1']);
    expect(patches[0]!.color).toBe(riskClassOf(85).color);
    expect(patches[1]!.alpha).toBe(riskClassOf(10).alpha);
    // Rings come back closed.
    expect(patches[0]!.ring[0]).toEqual(patches[0]!.ring.at(-1));
  });

  it('skips a geometry that is not a polygon', () => {
    const point = { properties: { id: 'P', level: 'grid' }, geometry: { type: 'Point', coordinates: [117, 30] } };
    expect(riskPatches([point], [area('P', 50)])).toEqual([]);
  });
});
