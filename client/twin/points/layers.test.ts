// The point layers on real Cesium collections (no WebGL needed until a frame is rendered): each adds
// one primitive, changes points in place, and leaves nothing behind when destroyed.

import type { BillboardCollection, PointPrimitiveCollection, PrimitiveCollection } from 'cesium';
import { describe, expect, it } from 'vitest';
import { createCameraLayer } from '../cameras/cameras.layer';
import { cameraSpecs } from '../cameras/cameras.model';
import { testHost } from '../testing/cesiumInNode';
import { createPointLayer } from './points.layer';
import type { PointSpec } from './points.model';

const spec = (id: string, color = '#ff0000'): PointSpec => ({
  pick: { kind: 'component', id },
  position: [117, 31],
  heightM: 1,
  color,
  sizePx: 5,
  outline: null,
  maxDistanceM: 5000,
});

describe('createPointLayer', () => {
  it('draws every point in one collection, recolours and filters in place, and cleans up', () => {
    const h = testHost();
    const layer = createPointLayer(h, [spec('a'), spec('b'), spec('c')], { scale: 2 });
    expect(h.primitives.length).toBe(1);
    const points = h.primitives.get(0) as PointPrimitiveCollection;
    expect(points.length).toBe(3);
    expect(points.get(0).pixelSize).toBe(10);
    expect(points.get(1).id).toEqual({ kind: 'component', id: 'b' });

    const before = points.get(1);
    expect(layer.setColor('b', '#00ff00', { color: '#ffffff', widthPx: 2 })).toBe(true);
    expect(points.get(1)).toBe(before); // the same primitive, recoloured
    expect(points.get(1).color.green).toBe(1);
    expect(points.get(1).outlineWidth).toBe(4);
    expect(layer.spec('b')!.color).toBe('#00ff00');
    expect(layer.setColor('nope', '#00ff00')).toBe(false);

    expect(layer.setFilter((s) => s.pick.id !== 'a')).toBe(2);
    expect(points.get(0).show).toBe(false);
    expect(layer.setFilter(null)).toBe(3);
    layer.upsert(spec('d', '#0000ff'));
    expect([layer.count, points.length]).toEqual([4, 4]);
    layer.upsert({ ...spec('d', '#ffffff'), position: [117.5, 31] });
    expect([layer.count, points.length, points.get(3).color.red]).toEqual([4, 4, 1]);
    layer.show = false;
    expect(points.show).toBe(false);
    expect(h.renders()).toBeGreaterThan(3);

    layer.destroy();
    expect(h.primitives.length).toBe(0);
    expect(points.isDestroyed()).toBe(true);
    layer.destroy();
  });
});

describe('createCameraLayer', () => {
  it('draws icons, a view cone for the selected camera, and removes everything', () => {
    const h = testHost();
    const features = [0, 1].map((i) => ({
      type: 'Feature' as const,
      id: `C${i}`,
      geometry: { type: 'Point' as const, coordinates: [117 + i / 100, 31] },
      properties: {
        id: `C${i}`,
        code: `C${i}`,
        owner: 'police' as const,
        headingDeg: 90,
        fovDeg: 60,
        rangeM: 80,
        heightM: 6,
        online: i === 0,
        gridId: 'G',
      },
    }));
    const layer = createCameraLayer(h, cameraSpecs(features), { scale: 1 });
    const root = h.primitives.get(0) as PrimitiveCollection;
    const icons = root.get(0) as BillboardCollection;
    const cone = root.get(1) as PrimitiveCollection;
    expect(icons.length).toBe(2);
    expect(icons.get(1).id).toEqual({ kind: 'camera', id: 'C1' });

    layer.select({ id: 'C0', position: [117, 31], headingDeg: 90, fovDeg: 60, rangeM: 80, heightM: 6, online: true });
    expect(layer.selectedId).toBe('C0');
    expect(cone.length).toBe(2); // the covered ground and the cone's lines
    layer.select({
      id: 'C1',
      position: [117.01, 31],
      headingDeg: 0,
      fovDeg: 40,
      rangeM: 60,
      heightM: 5,
      online: false,
    });
    expect(cone.length).toBe(2);
    layer.select(null);
    expect(cone.length).toBe(0);
    expect(layer.selectedId).toBeNull();

    layer.select({ id: 'C0', position: [117, 31], headingDeg: 90, fovDeg: 60, rangeM: 80, heightM: 6, online: true });
    layer.destroy();
    expect(h.primitives.length).toBe(0);
    expect(root.isDestroyed()).toBe(true);
    expect(icons.isDestroyed()).toBe(true);
    layer.select(null); // after destroy: harmless
  });
});
