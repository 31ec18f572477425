// The tools over the twin: the search box and the drill-down path (its home button flies home and
// clears the selection), and the preset views.
import type { BboxDeg, GridProperties, TwinApi } from '../../api/twinApi';
import type { FlightTarget } from '../../twin/flight/flightTarget';
import { Breadcrumb } from './Breadcrumb';
import { SearchBox } from './SearchBox';
import type { Selection } from './useSelection';
import { ViewpointMenu } from './ViewpointMenu';

export interface TwinToolsProps {
  api: TwinApi;
  units: ReadonlyMap<string, GridProperties>;
  childrenOf: ReadonlyMap<string, GridProperties[]>;
  /** Where the path ends: the selected unit, or the grid the selection lies in. */
  unitId: string | null;
  selected: Selection;
  home: BboxDeg | null;
  flyTo(target: FlightTarget): void;
}

export function TwinTools({ api, units, childrenOf, unitId, selected, home, flyTo }: TwinToolsProps) {
  return (
    <div className="twin-tools">
      <SearchBox api={api} onChoose={selected.chooseHit} />
      <Breadcrumb
        units={units}
        childrenOf={childrenOf}
        unitId={unitId}
        onChoose={selected.chooseUnit}
        onHome={() => {
          if (!home) return;
          selected.dispatch({ type: 'clear' });
          flyTo({ bbox: home });
        }}
      />
      <ViewpointMenu api={api} flyTo={flyTo} />
    </div>
  );
}
