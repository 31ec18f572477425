// The layer on a real (empty) Cesium3DTileset and a bare collection: it adds the tileset with the
// windows shader, selecting works without loaded tiles, and destroy leaves nothing behind.

import { Cesium3DTileset, PrimitiveCollection } from 'cesium';
import { describe, expect, it } from 'vitest';
import { createBuildingsLayer, windowsShader } from './buildings.layer';

describe('createBuildingsLayer', () => {
  it('adds the tileset, picks through the host and removes and destroys everything on destroy', () => {
    let renders = 0;
    const picked = { getProperty: () => 'B000042' };
    const host = {
      primitives: new PrimitiveCollection({ destroyPrimitives: false }),
      requestRender: () => void renders++,
      pick: () => picked,
    };
    const tileset = new Cesium3DTileset({});
    tileset.customShader = windowsShader();
    const layer = createBuildingsLayer(host, tileset);
    expect(host.primitives.length).toBe(1);
    expect(host.primitives.contains(tileset)).toBe(true);
    expect(tileset.customShader).toBeDefined();
    expect(layer.pick({ x: 1, y: 2 } as never)).toBe('B000042');
    layer.select('B000042');
    layer.select(null);
    expect(renders).toBeGreaterThan(0);

    layer.destroy();
    expect(host.primitives.length).toBe(0);
    expect(tileset.isDestroyed()).toBe(true);
    expect(tileset.tileLoad.numberOfListeners).toBe(0);
    layer.destroy(); // twice is harmless
  });
});
