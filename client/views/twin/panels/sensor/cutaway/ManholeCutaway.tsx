// The smart manhole's cutaway in its panel: the well drawn in its own WebGL canvas (useCutawayScene),
// labels as HTML over it (crisp, translated). The wrapper's data attributes say what is drawn, for
// tests and for looking. When no working WebGL context can be had, the cutaway says so.
import { useMemo, useRef } from 'react';
import { useI18n } from '../../../../../i18n';
import { type CutawayView, cutawayView, type ManholeReading } from './cutaway.model';
import type { LabelAnchors } from './cutaway.scene';
import { useCutawayScene } from './useCutawayScene';
import './manholeCutaway.css';

export function ManholeCutaway({ reading }: { reading: ManholeReading | null }) {
  const { t } = useI18n();
  const box = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useMemo(() => cutawayView(reading), [reading]);
  const { drawn, failed, attempt } = useCutawayScene(box, canvas, view);

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
        view.known && <CutawayLabels view={view} reading={reading} anchors={drawn?.anchors ?? null} />
      )}
    </figure>
  );
}

interface CutawayLabelsProps {
  view: CutawayView;
  reading: ManholeReading | null;
  /** Where the scene put each label (CSS px), null until it has drawn. */
  anchors: LabelAnchors | null;
}

function CutawayLabels({ view, reading, anchors }: CutawayLabelsProps) {
  const { t, n } = useI18n();
  const at = (key: keyof LabelAnchors) =>
    anchors ? { left: `${anchors[key].x}px`, top: `${anchors[key].y}px` } : { display: 'none' };
  const num = (v: number | undefined, digits = 2) =>
    typeof v === 'number' ? n(v, { maximumFractionDigits: digits }) : '—';
  const cover =
    view.cover.pose === 'tilted'
      ? t('cutaway.coverTilted', { angle: num(reading?.coverTiltDeg, 0) })
      : t(view.cover.pose === 'open' ? 'cutaway.coverOpen' : 'cutaway.coverClosed');
  return (
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
  );
}
