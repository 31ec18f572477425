// The risk layer on real Cesium collections (no WebGL until a frame is drawn): one primitive holding a
// coloured instance per ring, shown and hidden as asked, and nothing left behind when destroyed.
import { Primitive } from 'cesium';
import { describe, expect, it } from 'vitest';
import { testHost } from '../testing/cesiumInNode';
import { createRiskLayer } from './risk.layer';
import { type RiskArea, riskPatches } from './risk.model';

const square = (lon: number) => [
  [lon, 31],
  [lon + 0.01, 31],
  [lon + 0.01, 31.01],
  [lon, 31.01],
];
const features = ['a', 'b', 'c'].map((id, i) => ({
  properties: { id, level: 'grid' },
  geometry: { type: 'Polygon', coordinates: [square(116.9 + i * 0.02)] },
}));
const areas: RiskArea[] = [
  { areaId: 'a', name: 'A', score: 88, factors: { cases: 60, vulnerable: 28 } },
  { areaId: 'b', name: 'B', score: 12, factors: { cases: 12 } },
];

describe('createRiskLayer', () => {
  it('fills every scored ring in one primitive, hides it on request, and removes it on destroy', () => {
    const h = testHost();
    const layer = createRiskLayer(h, riskPatches(features, areas));
    expect(layer.patchCount).toBe(2);
    expect(h.primitives.length).toBe(1);
    const primitive = h.primitives.get(0) as Primitive;
    expect(primitive).toBeInstanceOf(Primitive);
    expect(primitive.geometryInstances).toHaveLength(2);
    expect(primitive.allowPicking).toBe(false);

    layer.setVisible(false);
    expect(primitive.show).toBe(false);
    layer.setVisible(true);
    expect(primitive.show).toBe(true);
    expect(h.renders()).toBeGreaterThan(0);

    layer.destroy();
    expect(h.primitives.length).toBe(0);
    expect(primitive.isDestroyed()).toBe(true);
    layer.destroy(); // twice is harmless
  });

  it('adds nothing when no area is scored', () => {
    const h = testHost();
    const layer = createRiskLayer(h, riskPatches(features, []));
    expect(layer.patchCount).toBe(0);
    expect(h.primitives.length).toBe(0);
    layer.setVisible(false);
    layer.destroy();
  });
});
