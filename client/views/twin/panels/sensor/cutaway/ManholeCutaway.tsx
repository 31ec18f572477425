// The smart manhole's cutaway in its panel: its own small WebGL canvas (not Cesium's), the scene built
// once per mount and moved as readings arrive, drawn only when the picture changes, everything
// disposed and the context released on unmount. Labels are HTML over the canvas (crisp, translated).
// The wrapper's data attributes say what is drawn, for tests and for looking. Software WebGL sometimes
// hands out a context that is already lost (a busy GPU process): then a new canvas is tried, a few
// times, before the cutaway gives up and says so.
import { useEffect, useMemo, useRef, useState } from 'react';
import { WebGLRenderer } from 'three';
import { useI18n } from '../../../../../i18n';
import { cutawayView, type ManholeReading } from './cutaway.model';
import { type Cutaway, createCutaway, type LabelAnchors } from './cutaway.scene';
import './manholeCutaway.css';

const ATTEMPTS = 4;
const RETRY_MS = 800;

/** A WebGL 2 context on `canvas` that works, or null (none, or lost at birth). */
function liveContext(canvas: HTMLCanvasElement): WebGL2RenderingContext | null {
  const gl = canvas.getContext('webgl2', { antialias: true, alpha: true, premultipliedAlpha: true });
  if (!gl || gl.isContextLost() || !gl.getShaderPrecisionFormat(gl.VERTEX_SHADER, gl.HIGH_FLOAT)) return null;
  return gl;
}

export function ManholeCutaway({ reading }: { reading: ManholeReading | null }) {
  const { t, n } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const cutaway = useRef<Cutaway | null>(null);
  const [drawn, setDrawn] = useState<{ frames: number; anchors: LabelAnchors } | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const view = useMemo(() => cutawayView(reading), [reading]);
  const viewNow = useRef(view);
  viewNow.current = view;

  useEffect(() => {
    const el = box.current!;
    const gl = liveContext(canvas.current!);
    let renderer: WebGLRenderer | null = null;
    try {
      if (gl) renderer = new WebGLRenderer({ canvas: canvas.current!, context: gl, antialias: true, alpha: true });
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
    const c = canvas.current!;
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
  }, [attempt]);

  useEffect(() => cutaway.current?.update(view), [view]);

  const at = (key: keyof LabelAnchors) =>
    drawn ? { left: `${drawn.anchors[key].x}px`, top: `${drawn.anchors[key].y}px` } : { display: 'none' };
  const num = (v: number | undefined, digits = 2) =>
    typeof v === 'number' ? n(v, { maximumFractionDigits: digits }) : '—';
  const cover =
    view.cover.pose === 'tilted'
      ? t('cutaway.coverTilted', { angle: num(reading?.coverTiltDeg, 0) })
      : t(view.cover.pose === 'open' ? 'cutaway.coverOpen' : 'cutaway.coverClosed');

  return (
    <figure
      className="manhole-cutaway"
      ref={box}
      aria-label={t('cutaway.title')}
      data-cutaway-ready={drawn ? 'true' : 'false'}
      data-cutaway-frames={drawn?.frames ?? 0}
      data-cutaway-attempt={attempt}
      data-water-m={view.water.heightM}
      data-cover={view.cover.pose}
      data-gas-opacity={view.gas.opacity}
    >
      <canvas ref={canvas} key={attempt} />
      {failed ? (
        <figcaption className="cutaway-failed">{t('cutaway.noWebgl')}</figcaption>
      ) : (
        view.known && (
          <>
            <span className={`cutaway-label level-${view.water.level}`} style={at('water')}>
              {t('cutaway.water', { value: num(reading?.waterLevelM) })}
              {view.water.overflowing && ` · ${t('cutaway.overflowing')}`}
            </span>
            <span className="cutaway-label alarm-line" style={at('alarmLine')}>
              {t('cutaway.alarmLine', { value: n(view.alarmLineM) })}
            </span>
            <span className={`cutaway-label level-${view.cover.level}`} style={at('cover')}>
              {cover}
            </span>
            <span className={`cutaway-label gas level-${view.gas.level}`} style={at('gas')}>
              CH₄ {num(reading?.ch4Lel, 1)} %LEL
              <br />
              H₂S {num(reading?.h2sPpm, 1)} ppm
            </span>
          </>
        )
      )}
    </figure>
  );
}
