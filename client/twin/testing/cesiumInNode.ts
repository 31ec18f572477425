// For layer tests that build real Cesium collections in Node (no WebGL is needed until a frame is
// drawn). Node has no DOM, and Cesium touches it in two places before any frame: Material checks
// uniforms with `instanceof HTMLCanvasElement` etc., and Label reads a font's computed style. Importing
// this module installs empty stand-ins that answer both; no image is made and no glyph is drawn.
import { PrimitiveCollection } from 'cesium';

const g = globalThis as Record<string, unknown>;
for (const name of ['HTMLCanvasElement', 'HTMLImageElement', 'HTMLVideoElement', 'ImageBitmap', 'OffscreenCanvas'])
  g[name] ??= class {};
g.document ??= {
  createElement: () => ({ style: {} }),
  body: { appendChild() {}, removeChild() {} },
  defaultView: {
    getComputedStyle: () => ({ getPropertyValue: (p: string) => (p === 'font-size' ? '16px' : 'normal') }),
  },
};

/** A layer host (a scene's primitives and its render request) that counts the renders requested. */
export function testHost() {
  let renders = 0;
  return { primitives: new PrimitiveCollection(), requestRender: () => void renders++, renders: () => renders };
}
