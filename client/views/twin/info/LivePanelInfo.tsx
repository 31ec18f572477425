// The kinds whose details are live panels that load and follow their own data: a sensor
// (panels/sensor) and an alarm (panels/alarm).
import type { LonLat } from '@domain/model';
import { useState } from 'react';
import { AlarmPanel } from '../panels/alarm/AlarmPanel';
import { SensorPanel } from '../panels/sensor/SensorPanel';
import { InfoCard } from './InfoCard';
import type { InfoProps } from './infoProps';
import { useRowContext } from './useRowContext';

export function SensorInfo({ api, selection, data, units, onFlyTo, onSelect, onClose }: InfoProps) {
  const { unitName } = useRowContext(units);
  // The sensor's place, for the fly-to; the panel loads the sensor itself.
  const f = data.sensors?.find((x) => x.properties.id === selection.id);
  const position = f ? (f.geometry.coordinates as LonLat) : null;
  return (
    <InfoCard
      selection={selection}
      kind="info.kind.sensor"
      title={selection.id}
      onFlyTo={() => onFlyTo(position)}
      onClose={onClose}
    >
      <SensorPanel
        api={api}
        sensorId={selection.id}
        unitName={unitName}
        onSelectAlarm={onSelect && ((a) => onSelect({ kind: 'alarm', id: a.id }, a))}
      />
    </InfoCard>
  );
}

export function AlarmInfo({
  api,
  selection,
  units,
  alarm,
  onFlyTo,
  onFlyToView,
  onSelect,
  onPlace,
  onClose,
}: InfoProps) {
  const { unitName } = useRowContext(units);
  const [place, setPlace] = useState<LonLat | null>(alarm?.position ?? null);
  return (
    <InfoCard
      selection={selection}
      kind="info.kind.alarm"
      title={selection.id}
      onFlyTo={() => onFlyTo(place)}
      onClose={onClose}
    >
      <AlarmPanel
        api={api}
        alarmId={selection.id}
        initial={alarm}
        unitName={unitName}
        onLoaded={(a) => {
          setPlace(a.position);
          onPlace?.({ position: a.position, gridId: a.gridId });
        }}
        onFlyToView={(view) => onFlyToView?.(view)}
        onFlyToPlace={(p) => onFlyTo(p)}
        onSelectSensor={onSelect && ((id) => onSelect({ kind: 'sensor', id }))}
      />
    </InfoCard>
  );
}
