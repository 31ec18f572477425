// The spot on a small static map: the case's grid outlined among its neighbours, the place as a dot.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { neighbourhood, type Places } from './places';
import { spotMap } from './spotMap.model';

export function SpotMapView({
  places,
  gridId,
  position,
}: {
  places: Places;
  gridId: string;
  position: readonly [number, number];
}) {
  const { t } = useI18n();
  const map = useMemo(() => {
    const { focus, outlines } = neighbourhood(places, gridId);
    return { ...spotMap(outlines, position, focus), count: outlines.length };
  }, [places, gridId, position]);
  const size = Number(map.viewBox.split(' ')[2]);
  return (
    <figure className="spot-map">
      <svg
        viewBox={map.viewBox}
        role="img"
        aria-label={`${t('desk.map')} ${position[0].toFixed(5)}, ${position[1].toFixed(5)}`}
      >
        {map.paths.map((d, i) => (
          <path
            // the last outline is the case's own grid
            key={d}
            d={d}
            className={i === map.count - 1 ? 'own-grid' : 'other-grid'}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        <circle cx={map.point.x} cy={map.point.y} r={size / 40} className="spot" />
      </svg>
      <figcaption>
        {t('desk.map')} · {position[0].toFixed(5)}, {position[1].toFixed(5)}
      </figcaption>
    </figure>
  );
}
