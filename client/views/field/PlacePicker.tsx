// Where the problem is: a tap on the grid's map, or the device's own position.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { GridMap, type GridMapProps } from './GridMap';

export function PlacePicker({ shapes, dots, place, onPick }: GridMapProps) {
  const { t } = useI18n();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function locate() {
    setProblem(null);
    if (!('geolocation' in navigator)) {
      setProblem(t('field.place.geoUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        onPick([p.coords.longitude, p.coords.latitude]);
      },
      (e) => {
        setLocating(false);
        setProblem(t('field.place.geoDenied', { message: e.message || String(e.code) }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  }

  return (
    <fieldset className="field-section">
      <legend>{t('field.place')}</legend>
      <p className="field-hint">{t('field.place.hint')}</p>
      <GridMap shapes={shapes} dots={dots} place={place} onPick={onPick} />
      <div className="field-row">
        <button type="button" className="field-button" onClick={locate} disabled={locating}>
          {locating ? t('field.place.locating') : t('field.place.locate')}
        </button>
        <span className="field-picked" data-testid="field-place">
          {place
            ? t('field.place.picked', { lon: place[0].toFixed(5), lat: place[1].toFixed(5) })
            : t('field.place.none')}
        </span>
      </div>
      {problem && <p className="field-problem">{problem}</p>}
    </fieldset>
  );
}
