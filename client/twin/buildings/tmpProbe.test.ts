import '../testing/cesiumInNode';
import { it, expect } from 'vitest';
import { loadBuildingsLayer } from './buildings.layer';
import { testHost } from '../testing/cesiumInNode';

it('probe', async () => {
  const json = { asset: { version: '1.1' }, geometricError: 500, root: { boundingVolume: { region: [2.04, 0.54, 2.05, 0.55, 0, 100] }, geometricError: 100, refine: 'ADD', children: [{ boundingVolume: { region: [2.04, 0.54, 2.045, 0.545, 0, 100] }, geometricError: 0 }] } };
  const url = `data:application/json;base64,${Buffer.from(JSON.stringify(json)).toString('base64')}`;
  const h = testHost();
  const layer = await loadBuildingsLayer(h, url);
  console.log(layer.tileset.root.children.length, layer.tileset.maximumScreenSpaceError, layer.tileset.customShader?.lightingModel, Object.keys(layer.tileset.customShader.uniforms));
  layer.destroy();
  expect(h.primitives.length).toBe(0);
});
