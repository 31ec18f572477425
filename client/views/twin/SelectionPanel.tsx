// The panel of what is selected: a building's card, or the info panel of anything else (keyed by the
// selection, so each selection starts afresh).
import type { GridProperties, TwinApi } from '../../api/twinApi';
import type { FlightTarget } from '../../twin/flight/flightTarget';
import { formatSelection } from '../../twin/flight/viewUrl';
import { currentAlarm, currentHint } from '../../twin/selection/selection.model';
import { InfoPanel } from './InfoPanel';
import { BuildingPanel } from './panels/building/BuildingPanel';
import type { Selection } from './useSelection';
import type { TwinData } from './useTwinData';

export interface SelectionPanelProps {
  api: TwinApi;
  data: TwinData;
  units: ReadonlyMap<string, GridProperties>;
  selected: Selection;
  flyTo(target: FlightTarget): void;
}

export function SelectionPanel({ api, data, units, selected, flyTo }: SelectionPanelProps) {
  const { state, dispatch, chooseUnit } = selected;
  const { selection } = state;
  if (!selection) return null;
  const close = () => dispatch({ type: 'clear' });
  if (selection.kind === 'building')
    return <BuildingPanel key={selection.id} api={api} buildingId={selection.id} onClose={close} />;
  return (
    <InfoPanel
      key={formatSelection(selection)}
      api={api}
      selection={selection}
      data={data}
      units={units}
      hint={currentHint(state)}
      onFlyTo={(position, unitId) => {
        if (unitId) chooseUnit(unitId);
        else if (position) flyTo({ point: position, rangeM: 400 });
      }}
      onFlyToView={(view) => flyTo({ view })}
      onSelect={(ref, alarm) => dispatch({ type: 'open', ref, alarm })}
      alarm={currentAlarm(state)}
      onPlace={({ position, gridId }) => dispatch({ type: 'place', ref: selection, position, gridId })}
      onClose={close}
    />
  );
}
