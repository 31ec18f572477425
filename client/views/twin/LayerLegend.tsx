// The legend under the layer toggles: the symbols of each layer that is shown.
import { useI18n } from '../../i18n';
import { componentStateMarks } from '../../twin/components/components.model';
import { overdueOutline, urgencyColors } from '../../twin/events/events.model';
import { type SensorStatus, sensorStatusColors } from '../../twin/sensors/sensors.model';
import type { TwinLayer } from './layerState';

export function LayerLegend({ shown }: { shown: ReadonlySet<TwinLayer> }) {
  const { t } = useI18n();
  return (
    <div className="layer-legend">
      {shown.has('events') &&
        ([3, 2, 1] as const).map((u) => <Key key={`u${u}`} color={urgencyColors[u]} text={t(`urgency.${u}`)} />)}
      {shown.has('events') && <Key ring={overdueOutline.color} text={t('info.overdue')} />}
      {shown.has('events') && (
        <span className="legend-key">
          <span className="legend-cluster" style={{ boxShadow: `inset 0 0 0 0.14rem ${overdueOutline.color}` }}>
            n
          </span>
          {t('layer.eventCluster')}
        </span>
      )}
      {shown.has('sensors') &&
        (['alarm', 'warning', 'normal', 'offline'] as SensorStatus[]).map((st) => (
          <Key key={st} color={sensorStatusColors[st]} text={t(`sensorStatus.${st}`)} />
        ))}
      {shown.has('components') &&
        (['damaged', 'missing', 'occupied'] as const).map((st) => (
          <Key key={st} ring={componentStateMarks[st].outline!.color} text={t(`state.${st}`)} />
        ))}
    </div>
  );
}

/** One legend key: a filled dot (a colour) or a ring (a state marker). */
function Key({ color, ring, text }: { color?: string; ring?: string; text: string }) {
  return (
    <span className="legend-key">
      <span
        className="swatch-dot"
        style={color ? { background: color } : { boxShadow: `inset 0 0 0 0.18rem ${ring}` }}
      />
      {text}
    </span>
  );
}
