// The cutaway's WebGL scene on its own small canvas (not Cesium's): built once per mount (per canvas:
// a lost-at-birth context is retried on a new canvas, `attempt`, a few times before giving up), moved
// as the view changes, drawn only when the picture changes; on unmount everything is disposed and the
// context released.
import { type RefObject, useEffect, useRef, useState } from 'react';
import { WebGLRenderer } from 'three';
import type { CutawayView } from './cutaway.model';
import { type Cutaway, createCutaway, type LabelAnchors } from './cutaway.scene';

const ATTEMPTS = 4;
const RETRY_MS = 800;

/** A WebGL 2 context on `canvas` that works, or null (none, or lost at birth). */
function liveContext(canvas: HTMLCanvasElement): WebGL2RenderingContext | null {
  const gl = canvas.getContext('webgl2', { antialias: true, alpha: true, premultipliedAlpha: true });
  if (!gl || gl.isContextLost() || !gl.getShaderPrecisionFormat(gl.VERTEX_SHADER, gl.HIGH_FLOAT)) return null;
  return gl;
}

export function useCutawayScene(
  box: RefObject<HTMLElement | null>,
  canvas: RefObject<HTMLCanvasElement | null>,
  view: CutawayView,
) {
  const cutaway = useRef<Cutaway | null>(null);
  const [drawn, setDrawn] = useState<{ frames: number; anchors: LabelAnchors } | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const viewNow = useRef(view);
  viewNow.current = view;

  useEffect(() => {
    const el = box.current!;
    const c = canvas.current!;
    const gl = liveContext(c);
    let renderer: WebGLRenderer | null = null;
    try {
      if (gl) renderer = new WebGLRenderer({ canvas: c, context: gl, antialias: true, alpha: true });
    } catch {
      renderer = null;
    }
    if (!renderer) {
      // a new canvas (the key changes) next time; after the last, the values table is all there is
      if (attempt + 1 >= ATTEMPTS) return setFailed(true);
      const retry = setTimeout(() => setAttempt(attempt + 1), RETRY_MS);
      return () => clearTimeout(retry);
    }
    renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    const rect = el.getBoundingClientRect();
    const scene = createCutaway(renderer, {
      width: Math.max(1, Math.round(rect.width)),
      height: Math.max(1, Math.round(rect.height)),
      onRender: (frames, anchors) => setDrawn({ frames, anchors }),
    });
    cutaway.current = scene;
    scene.update(viewNow.current);
    // Restored after a loss (three.js rebuilds its state): draw again.
    const restored = () => scene.redraw();
    c.addEventListener('webglcontextrestored', restored);
    const observer = new ResizeObserver(
      ([entry]) => entry && scene.resize(Math.round(entry.contentRect.width), Math.round(entry.contentRect.height)),
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.removeEventListener('webglcontextrestored', restored);
      cutaway.current = null;
      scene.destroy();
      // Browsers keep a handful of WebGL contexts; give this one back now, not at garbage collection.
      renderer.forceContextLoss();
    };
  }, [attempt, box, canvas]);

  useEffect(() => cutaway.current?.update(view), [view]);

  return { drawn, failed, attempt };
}
