// What the render harness page (renderHarness.ts) puts on `window.renderBench`, and what the benchmark
// (scripts/bench/render.ts) calls through Playwright: types only, shared by both sides.
export type LonLat = [number, number];
export type PointMode = 'primitives' | 'billboards' | 'entities';

export interface BuildResult {
  mode: PointMode;
  count: number;
  /** performance.now() from the first add to the end of the first frame that draws them. */
  buildMs: number;
  /** usedJSHeapSize after GC, minus the same before building. */
  heapBytes: number;
}

export interface RenderBench {
  /** Frames the points so they are on screen. */
  lookAt(points: LonLat[]): void;
  /** Builds `points` in one way, renders a frame, and keeps them until clear(). */
  build(mode: PointMode, points: LonLat[]): BuildResult;
  /** Changes the colour of `n` points of the primitive layer in place and renders. */
  updates(n: number): { count: number; updateMs: number };
  clear(): void;
  /** usedJSHeapSize after a forced GC. */
  heap(): number;
}

declare global {
  interface Window {
    gc?: () => void;
    renderBench: RenderBench;
  }
}
