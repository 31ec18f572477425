// The layer on real Cesium collections (no WebGL needed until a frame is rendered): it adds one root,
// draws every outline and label, and leaves nothing behind when destroyed.

import type { LonLat } from '@domain/model';
import { LabelCollection, PolylineCollection, type PrimitiveCollection } from 'cesium';
import { describe, expect, it } from 'vitest';
import type { GridFeature } from '../../api/twinApi';
import { testHost } from '../testing/cesiumInNode';
import { createGridLayer } from './grids.layer';
import { gridDrawingFrom } from './grids.model';

const square = (lon: number, lat: number, size: number): LonLat[] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

const features: GridFeature[] = [
  {
    type: 'Feature',
    id: 'c',
    properties: { id: 'c', code: 'c', name: '桐城市', level: 'city', area: null, parentId: null, areaM2: 0 },
    geometry: { type: 'Polygon', coordinates: [square(116.7, 30.7, 0.5)] },
  },
  {
    type: 'Feature',
    id: 's',
    properties: { id: 's', code: 's', name: '龙眠街道', level: 'subdistrict', area: 'urban', parentId: 'c', areaM2: 0 },
    geometry: { type: 'Polygon', coordinates: [square(116.9, 31, 0.1)] },
  },
  {
    type: 'Feature',
    id: 'g',
    properties: { id: 'g', code: 'g', name: '网格', level: 'grid', area: 'urban', parentId: 's', areaM2: 0 },
    geometry: { type: 'Polygon', coordinates: [square(116.95, 31, 0.01)] },
  },
];

describe('createGridLayer', () => {
  it('draws every outline and label under one root and removes it all on destroy', () => {
    const h = testHost();
    const drawing = gridDrawingFrom(features);
    const layer = createGridLayer(h, drawing, { scale: 2, fontFamily: 'sans-serif' });

    expect(layer.featureCount).toBe(3);
    expect(h.primitives.length).toBe(1);
    const root = h.primitives.get(0) as PrimitiveCollection;
    const children = Array.from({ length: root.length }, (_, i) => root.get(i));
    const lines = children.filter((c): c is PolylineCollection => c instanceof PolylineCollection);
    const labels = children.filter((c): c is LabelCollection => c instanceof LabelCollection);
    expect(lines.reduce((n, c) => n + c.length, 0)).toBe(drawing.outlines.length);
    expect(labels).toHaveLength(1);
    expect(labels[0]!.length).toBe(drawing.labels.length);
    expect(h.renders()).toBeGreaterThan(0);

    layer.setLevelVisible('grid', false);
    expect(lines.filter((c) => !c.show)).toHaveLength(1);

    layer.destroy();
    expect(h.primitives.length).toBe(0);
    expect(root.isDestroyed()).toBe(true);
    expect(lines.every((c) => c.isDestroyed())).toBe(true);
    expect(labels[0]!.isDestroyed()).toBe(true);
    layer.destroy(); // twice is harmless
  });
});
