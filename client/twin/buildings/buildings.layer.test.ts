// The layer on a real Cesium3DTileset loaded from a tileset.json (no WebGL is needed until a frame is
// drawn): what it builds from the tileset and its options, how it styles the city (the windows shader
// fed from buildings.shader's constants, highlights mixed into the walls), which building a pick hits,
// how a selection follows tiles as they load and unload, and that destroy() leaves nothing behind.
// Tile contents are stand-ins with features (a tileset.json alone loads no glTF).

import { type Cesium3DTile, Cesium3DTileColorBlendMode, type Cesium3DTileset, Color, LightingModel } from 'cesium';
import { describe, expect, it } from 'vitest';
import { testHost } from '../testing/cesiumInNode';
import { type BuildingsHost, loadBuildingsLayer } from './buildings.layer';
import {
  COOL_WINDOW,
  GLOW_FAR_M,
  GLOW_NEAR_M,
  UNLIT_SHARE,
  WARM_WINDOW,
  windowsFragmentShader,
} from './buildings.shader';

const HIGHLIGHT = Color.fromCssColorString('#7df9ff');

// A root over two leaves, as the tiles builder writes it (regions in radians around Tongcheng).
const region = (west: number) => [west, 0.5418, west + 0.0005, 0.5423, 0, 120];
const tilesetJson = {
  asset: { version: '1.1' },
  geometricError: 400,
  root: {
    boundingVolume: { region: [2.0412, 0.5418, 2.0422, 0.5423, 0, 120] },
    geometricError: 100,
    refine: 'REPLACE',
    children: [
      { boundingVolume: { region: region(2.0412) }, geometricError: 0 },
      { boundingVolume: { region: region(2.0417) }, geometricError: 0 },
    ],
  },
};
const url = `data:application/json;base64,${btoa(JSON.stringify(tilesetJson))}`;

interface FakeFeature {
  getProperty(name: string): unknown;
  color: Color;
}
const feature = (id: string): FakeFeature => ({
  getProperty: (name) => (name === 'id' ? id : undefined),
  color: Color.WHITE,
});

/** Gives `tile` loaded content holding these buildings (what a glTF tile's feature table would). */
function loadContent(tile: Cesium3DTile, features: FakeFeature[]): FakeFeature[] {
  Object.defineProperty(tile, 'content', {
    configurable: true,
    value: { featuresLength: features.length, getFeature: (i: number) => features[i] },
  });
  return features;
}

const colours = (features: FakeFeature[]) => features.map((f) => (Color.equals(f.color, HIGHLIGHT) ? 'lit' : '-'));

async function loaded(host: BuildingsHost = testHost(), maximumScreenSpaceError?: number) {
  const layer = await loadBuildingsLayer(host, url, { maximumScreenSpaceError });
  const root = layer.tileset.root;
  return { layer, root, leaves: root.children as Cesium3DTile[] };
}

describe('loadBuildingsLayer', () => {
  it('adds the one tileset to the scene, pickable, refining at 8 px unless told otherwise', async () => {
    const host = testHost();
    const { layer, leaves } = await loaded(host);
    expect(host.primitives.length).toBe(1);
    expect(host.primitives.get(0)).toBe(layer.tileset);
    expect(leaves).toHaveLength(2);
    expect(layer.tileset.maximumScreenSpaceError).toBe(8);
    expect((await loaded(testHost(), 2)).layer.tileset.maximumScreenSpaceError).toBe(2);
    expect(host.renders()).toBeGreaterThan(0);
  });

  it('styles the city with the windows shader, fed from the shader module, and mixes highlights in', async () => {
    const { layer } = await loaded();
    const { tileset } = layer;
    const shader = tileset.customShader!;
    expect(shader.lightingModel).toBe(LightingModel.UNLIT);
    expect(shader.fragmentShaderText).toBe(windowsFragmentShader);
    const value = (name: string) => shader.uniforms[name]!.value as unknown;
    expect(value('u_warm')).toMatchObject({ x: WARM_WINDOW[0], y: WARM_WINDOW[1], z: WARM_WINDOW[2] });
    expect(value('u_cool')).toMatchObject({ x: COOL_WINDOW[0], y: COOL_WINDOW[1], z: COOL_WINDOW[2] });
    expect([value('u_unlitShare'), value('u_nearM'), value('u_farM')]).toEqual([UNLIT_SHARE, GLOW_NEAR_M, GLOW_FAR_M]);
    // every uniform the GLSL reads is one the layer declares, and none is declared for nothing
    const read = new Set(windowsFragmentShader.match(/\bu_\w+/g));
    expect(new Set(Object.keys(shader.uniforms))).toEqual(read);
    // a highlight tints the wall rather than painting over the windows
    expect(tileset.colorBlendMode).toBe(Cesium3DTileColorBlendMode.MIX);
    expect(tileset.colorBlendAmount).toBeCloseTo(0.65);
  });
});

describe('picking', () => {
  it.each<[string, unknown, string | null]>([
    ['a building of the tileset', feature('B000042'), 'B000042'],
    ['a feature that is not a building', feature('C000001'), null],
    ['a point primitive', { id: { kind: 'camera', id: 'CAM1' }, primitive: {} }, null],
    ['nothing', undefined, null],
  ])('%s → %s', async (_, hit, expected) => {
    const host = { ...testHost(), pick: () => hit };
    const { layer } = await loaded(host);
    expect(layer.pick({ x: 10, y: 20 } as never)).toBe(expected);
  });

  it('answers null on a host that cannot pick', async () => {
    const { layer } = await loaded();
    expect(layer.pick({ x: 10, y: 20 } as never)).toBeNull();
  });
});

describe('select', () => {
  it('highlights every loaded copy of the building, and copies that load later', async () => {
    const host = testHost();
    const { layer, root, leaves } = await loaded(host);
    // the coarse root and the first leaf both hold B1; the second leaf loads later
    const coarse = loadContent(root, [feature('B1'), feature('B2'), feature('B3')]);
    const near = loadContent(leaves[0]!, [feature('B2'), feature('B1')]);

    const renders = host.renders();
    layer.select('B1');
    expect(colours(coarse)).toEqual(['lit', '-', '-']);
    expect(colours(near)).toEqual(['-', 'lit']);
    expect(host.renders()).toBeGreaterThan(renders);

    const later = loadContent(leaves[1]!, [feature('B1'), feature('B4')]);
    layer.tileset.tileLoad.raiseEvent(leaves[1]);
    expect(colours(later)).toEqual(['lit', '-']);
  });

  it('moves the highlight to another building, clears it with null, and ignores a repeat', async () => {
    const host = testHost();
    const { layer, root } = await loaded(host);
    const coarse = loadContent(root, [feature('B1'), feature('B2')]);
    layer.select('B1');
    layer.select('B2');
    expect(colours(coarse)).toEqual(['-', 'lit']);
    const renders = host.renders();
    layer.select('B2');
    expect(host.renders()).toBe(renders);
    layer.select(null);
    expect(colours(coarse)).toEqual(['-', '-']);
    expect(coarse.every((f) => Color.equals(f.color, Color.WHITE))).toBe(true);
  });

  it('forgets the features of an unloaded tile (they die with it) and paints none while nothing is selected', async () => {
    const { layer, leaves } = await loaded();
    const gone = loadContent(leaves[0]!, [feature('B1')]);
    layer.select('B1');
    layer.tileset.tileUnload.raiseEvent(leaves[0]);
    gone[0]!.color = Color.RED; // what is left of a destroyed feature is not touched again
    layer.select(null);
    expect(Color.equals(gone[0]!.color, Color.RED)).toBe(true);

    const fresh = loadContent(leaves[1]!, [feature('B1')]);
    layer.tileset.tileLoad.raiseEvent(leaves[1]);
    expect(colours(fresh)).toEqual(['-']);
  });
});

describe('destroy', () => {
  it.each<[string, boolean]>([
    ['a scene, whose primitives destroy what they remove', true],
    ['a collection that leaves destroying to the layer', false],
  ])('on %s: removes the tileset, destroys it and stops listening; twice is harmless', async (_, destroys) => {
    const host = testHost();
    if (!destroys) host.primitives.destroyPrimitives = false;
    const { layer } = await loaded(host);
    const tileset: Cesium3DTileset = layer.tileset;
    expect(tileset.tileLoad.numberOfListeners).toBeGreaterThan(0);
    layer.destroy();
    expect(host.primitives.length).toBe(0);
    expect(tileset.isDestroyed()).toBe(true);
    expect(tileset.tileLoad.numberOfListeners).toBe(0);
    expect(tileset.tileUnload.numberOfListeners).toBe(0);
    layer.destroy();
  });
});
