// The ground under every twin page, as resium children of the viewer: the terrain (from the elevation
// model the page loaded, GET /api/layers/elevation: client/twin/ground/terrain.ts), one imagery layer of land use, water and roads at their widths (raster tiles the
// server renders, GET /api/ground) and the main roads' names. Few primitives on purpose: the whole
// ground is one imagery layer on the globe (docs/adr/0015-ground-as-server-rendered-imagery.md).
import { GeographicTilingScheme, type ImageryLayer, Rectangle, UrlTemplateImageryProvider } from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import { groundReach } from '../viewer/ground';
import { useUiScale } from '../viewer/uiScale';
import { type GroundLayerJson, groundImageryOf } from './ground.model';
import { createRoadLabelLayer } from './roadLabels.layer';
import { type RoadLine, roadLabelSpecs } from './roadLabels.model';
import { demTerrainProvider } from './terrain';

const API = '/api';
/** The first level drawn: the county is then a few tiles of about 0.7° (Cesium wants few tiles at the minimum). */
const GROUND_MIN_LEVEL = 8;
/** Local fonts only (Debian: fonts-noto-cjk); never a web font. */
const labelFonts = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

async function getJson<T>(path: string, signal: AbortSignal): Promise<T | null> {
  const r = await fetch(`${API}${path}`, { credentials: 'same-origin', signal });
  return r.ok ? ((await r.json()) as T) : null;
}

export function GroundLayers() {
  const { scene, imageryLayerCollection: imageryLayers } = useCesium();
  const scale = useUiScale();

  // terrain: only when the server has an elevation model (else the ellipsoid, as before)
  useEffect(() => {
    const reach = groundReach();
    if (!scene || !reach) return;
    scene.terrainProvider = demTerrainProvider(reach);
  }, [scene]);

  // data-ground-loading: whether the globe's tiles under the view (terrain, imagery) are still loading,
  // written when it changes, for a picture that waits for the ground (npm run pictures)
  useEffect(() => {
    if (!scene) return;
    const data = document.body.dataset;
    const remove = scene.postRender.addEventListener(() => {
      const loading = String(!scene.globe.tilesLoaded);
      if (data.groundLoading !== loading) data.groundLoading = loading;
    });
    return () => {
      remove();
      delete data.groundLoading;
    };
  }, [scene]);

  useEffect(() => {
    if (!imageryLayers) return;
    const abort = new AbortController();
    let layer: ImageryLayer | null = null;
    void getJson<GroundLayerJson>('/ground/layer.json', abort.signal)
      .then((json) => {
        const ground = json && groundImageryOf(json, `${API}/ground`);
        if (!ground || abort.signal.aborted) return;
        const provider = new UrlTemplateImageryProvider({
          url: ground.url,
          tilingScheme: new GeographicTilingScheme(),
          rectangle: Rectangle.fromDegrees(...ground.bounds),
          // below this the county is a few pixels of a tile, and a stretched smudge of them would tint the globe
          minimumLevel: GROUND_MIN_LEVEL,
          maximumLevel: ground.maximumLevel,
          tileWidth: 256,
          tileHeight: 256,
          credit: '',
        });
        layer = imageryLayers.addImageryProvider(provider);
        scene?.requestRender();
      })
      .catch(() => {});
    return () => {
      abort.abort();
      if (layer && !imageryLayers.isDestroyed()) imageryLayers.remove(layer, true);
    };
  }, [imageryLayers, scene]);

  useEffect(() => {
    if (!scene) return;
    const abort = new AbortController();
    let labels: { destroy(): void } | null = null;
    void getJson<{ features: { geometry: { coordinates: [number, number][] }; properties: RoadLine }[] }>(
      '/layers/roads?class=main',
      abort.signal,
    )
      .then((fc) => {
        if (!fc || abort.signal.aborted || scene.isDestroyed()) return;
        const roads = fc.features.map((f) => ({ ...f.properties, line: f.geometry.coordinates }));
        labels = createRoadLabelLayer(scene, roadLabelSpecs(roads), { scale, fontFamily: labelFonts });
      })
      .catch(() => {});
    return () => {
      abort.abort();
      if (labels && !scene.isDestroyed()) labels.destroy();
    };
  }, [scene, scale]);
  return null;
}
