// The small map of the worker's grid (an SVG, no map engine: light on a phone and offline): the
// grid's outline, its neighbours faint, the open cases as dots, the picked place as a pin. A tap
// picks the place under it.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { fitProjection, type LonLat, outerRings } from './field.model';

const WIDTH = 360;
const HEIGHT = 240;

export interface MapShape {
  id: string;
  mine: boolean;
  geometry: { type: string; coordinates: unknown };
}

export interface GridMapProps {
  shapes: readonly MapShape[];
  dots: readonly LonLat[];
  place: LonLat | null;
  onPick(place: LonLat): void;
}

export function GridMap({ shapes, dots, place, onPick }: GridMapProps) {
  const { t } = useI18n();
  const projection = useMemo(() => {
    const mine = shapes.filter((s) => s.mine).flatMap((s) => outerRings(s.geometry).flat());
    return mine.length ? fitProjection(mine, WIDTH, HEIGHT, 16) : null;
  }, [shapes]);
  if (!projection) return <div className="field-map field-map-empty">{t('field.place.mapLoading')}</div>;
  const path = (s: MapShape) =>
    outerRings(s.geometry)
      .map(
        (ring) =>
          `M${ring
            .map((p) =>
              projection
                .toXY(p)
                .map((v) => v.toFixed(1))
                .join(','),
            )
            .join('L')}Z`,
      )
      .join('');
  const pick = (e: React.MouseEvent<SVGSVGElement>) => {
    const svg = e.currentTarget;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    onPick(projection.toLonLat([at.x, at.y]));
  };
  const pin = place ? projection.toXY(place) : null;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the place can also be set from the device's position (the button beside the map)
    <svg
      className="field-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('field.place.mapLabel')}
      onClick={pick}
      data-testid="field-map"
    >
      {shapes
        .filter((s) => !s.mine)
        .map((s) => (
          <path key={s.id} d={path(s)} className="field-map-other" />
        ))}
      {shapes
        .filter((s) => s.mine)
        .map((s) => (
          <path key={s.id} d={path(s)} className="field-map-mine" />
        ))}
      {dots.map((d, i) => {
        const [x, y] = projection.toXY(d);
        // biome-ignore lint/suspicious/noArrayIndexKey: dots have no identity beyond their place
        return <circle key={i} cx={x} cy={y} r={3.5} className="field-map-case" />;
      })}
      {pin && (
        <g className="field-map-pin" transform={`translate(${pin[0]},${pin[1]})`}>
          <path d="M0,0 L-7,-14 A8,8 0 1,1 7,-14 Z" />
          <circle cx={0} cy={-17} r={3} className="field-map-pin-dot" />
        </g>
      )}
    </svg>
  );
}
