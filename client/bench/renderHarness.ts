// The render benchmark's harness page (npm run bench:render drives it; not linked from the app): a bare
// offline Cesium scene and functions on `window.renderBench` that build the same points three ways —
// the platform's point layer (one PointPrimitiveCollection), a BillboardCollection, and one Entity per
// point — and measure build time and the JS heap each costs, and in-place state changes.
import '../twin/viewer/cesiumBase';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import { BillboardCollection, Cartesian3, Color, type Entity, Viewer } from 'cesium';
import { createPointLayer, type PointLayer } from '../twin/points/points.layer';
import type { PointSpec } from '../twin/points/points.model';

import type { BuildResult, LonLat, PointMode, RenderBench } from './renderBenchApi';

const viewer = new Viewer('scene', {
  baseLayer: false,
  geocoder: false,
  baseLayerPicker: false,
  timeline: false,
  animation: false,
  navigationHelpButton: false,
  homeButton: false,
  sceneModePicker: false,
  fullscreenButton: false,
  infoBox: false,
  selectionIndicator: false,
  requestRenderMode: true,
  maximumRenderTimeChange: Infinity,
});
const scene = viewer.scene;
scene.globe.baseColor = Color.fromCssColorString('#0b1526');

function heap(): number {
  window.gc?.();
  window.gc?.();
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN;
}

const palette = ['#38c9ff', '#ffc857', '#ff6b6b', '#7ee787'];
const specOf = (p: LonLat, i: number): PointSpec => ({
  pick: { kind: 'component', id: `P${i}` },
  position: p,
  heightM: 2,
  color: palette[i % 4]!,
  sizePx: 6,
  outline: null,
  maxDistanceM: 1e7,
});

let pointLayer: PointLayer | null = null;
let keep: (() => void) | null = null;

const dot = (() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 12;
  const c = canvas.getContext('2d')!;
  c.fillStyle = '#fff';
  c.beginPath();
  c.arc(6, 6, 5, 0, Math.PI * 2);
  c.fill();
  return canvas;
})();

const renderBench: RenderBench = {
  /** Frames the points so they are on screen. */
  lookAt(points: LonLat[]) {
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const lon = (Math.min(...lons) + Math.max(...lons)) / 2;
    const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
    viewer.camera.setView({ destination: Cartesian3.fromDegrees(lon, lat, 40_000) });
    scene.render();
  },

  /** Builds `points` in one way, renders a frame, and keeps them until clear(). */
  build(mode: PointMode, points: LonLat[]): BuildResult {
    renderBench.clear();
    const before = heap();
    const t0 = performance.now();
    if (mode === 'primitives') {
      pointLayer = createPointLayer(scene, points.map(specOf), { scale: 1 });
      keep = () => pointLayer?.destroy();
    } else if (mode === 'billboards') {
      const billboards = scene.primitives.add(new BillboardCollection({ scene }));
      points.forEach((p, i) => {
        billboards.add({
          position: Cartesian3.fromDegrees(p[0], p[1], 2),
          image: dot,
          color: Color.fromCssColorString(palette[i % 4]!),
        });
      });
      keep = () => scene.primitives.remove(billboards);
    } else {
      const entities = viewer.entities;
      entities.suspendEvents();
      const added: Entity[] = points.map((p, i) =>
        entities.add({
          position: Cartesian3.fromDegrees(p[0], p[1], 2),
          point: { pixelSize: 6, color: Color.fromCssColorString(palette[i % 4]!) },
        }),
      );
      entities.resumeEvents();
      keep = () => {
        for (const e of added) entities.remove(e);
      };
    }
    // Entities become primitives during the frame's update; render until what was added is drawn.
    viewer.render();
    for (let i = 0; mode === 'entities' && !viewer.dataSourceDisplay.ready && i < 100; i++) viewer.render();
    viewer.render();
    const buildMs = performance.now() - t0;
    const heapBytes = heap() - before;
    return { mode, count: points.length, buildMs, heapBytes };
  },

  /** Changes the state (colour and outline) of `n` points of the point layer in place, then renders. */
  updates(n: number): { count: number; updateMs: number } {
    if (!pointLayer) throw new Error('build("primitives", ...) first');
    const count = Math.min(n, pointLayer.count);
    const t0 = performance.now();
    for (let i = 0; i < count; i++)
      pointLayer.setColor(`P${i}`, palette[(i + 1) % 4]!, i % 2 ? { color: '#ff6b6b', widthPx: 2 } : null);
    scene.render();
    return { count, updateMs: performance.now() - t0 };
  },

  clear() {
    keep?.();
    keep = null;
    pointLayer = null;
    scene.render();
  },

  heap,
};

window.renderBench = renderBench;
document.body.dataset.benchReady = 'true';
