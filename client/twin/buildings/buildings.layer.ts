// The city model in Cesium (no React): the 3D Tiles tileset with the lit-windows shader, picking to a
// building id, and a highlight on the selected building. destroy() removes the tileset from the scene
// and destroys it with every loaded tile.
import {
  type Cartesian2,
  Cartesian3,
  type Cesium3DTile,
  Cesium3DTileColorBlendMode,
  type Cesium3DTileFeature,
  Cesium3DTileset,
  Color,
  CustomShader,
  LightingModel,
  UniformType,
} from 'cesium';
import { buildingIdOf } from './buildings.model';
import {
  COOL_WINDOW,
  GLOW_FAR_M,
  GLOW_NEAR_M,
  UNLIT_SHARE,
  WARM_WINDOW,
  windowsFragmentShader,
} from './buildings.shader';

/** What the layer needs from a Cesium Scene (a Scene satisfies it; tests pass a bare collection). */
export interface BuildingsHost {
  primitives: { add(primitive: unknown): unknown; remove(primitive: unknown): boolean };
  requestRender(): void;
  pick?(windowPosition: Cartesian2): unknown;
}

export interface BuildingsLayer {
  readonly tileset: Cesium3DTileset;
  /** The building under a window position, or null. */
  pick(windowPosition: Cartesian2): string | null;
  /** Highlights the building with this id (when its tile is loaded); null clears. */
  select(id: string | null): void;
  destroy(): void;
}

export interface BuildingsOptions {
  /** Pixels of geometric error tolerated before a tile refines (Cesium's default is 16). */
  maximumScreenSpaceError?: number;
}

const highlight = Color.fromCssColorString('#7df9ff');

export function windowsShader(): CustomShader {
  return new CustomShader({
    lightingModel: LightingModel.UNLIT,
    uniforms: {
      u_warm: { type: UniformType.VEC3, value: new Cartesian3(...WARM_WINDOW) },
      u_cool: { type: UniformType.VEC3, value: new Cartesian3(...COOL_WINDOW) },
      u_unlitShare: { type: UniformType.FLOAT, value: UNLIT_SHARE },
      u_nearM: { type: UniformType.FLOAT, value: GLOW_NEAR_M },
      u_farM: { type: UniformType.FLOAT, value: GLOW_FAR_M },
    },
    fragmentShaderText: windowsFragmentShader,
  });
}

/** Loads the tileset at `url` and adds it to the host. */
export async function loadBuildingsLayer(
  host: BuildingsHost,
  url: string,
  options: BuildingsOptions = {},
): Promise<BuildingsLayer> {
  const tileset = await Cesium3DTileset.fromUrl(url, {
    maximumScreenSpaceError: options.maximumScreenSpaceError ?? 8,
    enablePick: true,
  });
  tileset.customShader = windowsShader();
  return createBuildingsLayer(host, tileset);
}

export function createBuildingsLayer(host: BuildingsHost, tileset: Cesium3DTileset): BuildingsLayer {
  tileset.colorBlendMode = Cesium3DTileColorBlendMode.MIX;
  tileset.colorBlendAmount = 0.65;
  host.primitives.add(tileset);
  host.requestRender();

  let selectedId: string | null = null;
  // Highlighted features by the tile holding them (a feature dies with its tile's content).
  const highlighted = new Map<Cesium3DTileFeature, Cesium3DTile>();
  const clear = () => {
    for (const feature of highlighted.keys()) feature.color = Color.WHITE;
    highlighted.clear();
  };
  // Highlights every loaded copy of the selected building (its leaf and any coarser tile).
  const paint = (tile: Cesium3DTile) => {
    const content = tile.content;
    if (!selectedId || !content || !(content.featuresLength > 0)) return;
    for (let i = 0; i < content.featuresLength; i++) {
      const feature = content.getFeature(i);
      if (feature.getProperty('id') === selectedId) {
        feature.color = highlight;
        highlighted.set(feature, tile);
      }
    }
  };
  const removeTileLoad = tileset.tileLoad.addEventListener(paint);
  const removeTileUnload = tileset.tileUnload.addEventListener((tile: Cesium3DTile) => {
    for (const [feature, holder] of highlighted) if (holder === tile) highlighted.delete(feature);
  });

  let destroyed = false;
  return {
    tileset,
    pick(windowPosition) {
      return host.pick ? buildingIdOf(host.pick(windowPosition)) : null;
    },
    select(id) {
      if (id === selectedId) return;
      clear();
      selectedId = id;
      if (id) forEachLoadedContent(tileset, paint);
      host.requestRender();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      removeTileLoad();
      removeTileUnload();
      highlighted.clear();
      // Scene.primitives destroys what it removes; a host collection that does not, leaves it to us.
      host.primitives.remove(tileset);
      if (!tileset.isDestroyed()) tileset.destroy();
      host.requestRender();
    },
  };
}

function forEachLoadedContent(tileset: Cesium3DTileset, visit: (tile: Cesium3DTile) => void) {
  const stack = tileset.root ? [tileset.root] : [];
  while (stack.length) {
    const tile = stack.pop()!;
    // An unloaded tile's content is a placeholder with no features; paint() skips it.
    visit(tile);
    stack.push(...tile.children);
  }
}
