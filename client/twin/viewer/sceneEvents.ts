// Promises over the scene's render loop, for readiness signals. requestRenderMode draws only on
// request, so each helper asks for the frame it waits for.
import type { Scene } from 'cesium';

/** Resolves after the next frame has been rendered (everything added before it has been drawn). */
export function afterNextRender(scene: Scene): Promise<void> {
  return new Promise((resolve) => {
    const remove = scene.postRender.addEventListener(() => {
      remove();
      resolve();
    });
    scene.requestRender();
  });
}

/**
 * Resolves once a rendered frame finds every globe tile it needs loaded (true), or after `timeoutMs`
 * (false). `signal` stops the wait early (resolves false).
 */
export function whenGlobeSettled(scene: Scene, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    let timer: ReturnType<typeof setInterval> | undefined;
    const finish = (settled: boolean) => {
      remove();
      clearTimeout(deadline);
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(settled);
    };
    const onAbort = () => finish(false);
    const remove = scene.postRender.addEventListener(() => {
      if (scene.globe.tilesLoaded) finish(true);
    });
    const deadline = setTimeout(() => finish(false), timeoutMs);
    // Tile loads request frames themselves; this keeps asking in case the last one came before us.
    timer = setInterval(() => scene.requestRender(), 250);
    signal?.addEventListener('abort', onAbort);
    scene.requestRender();
  });
}
