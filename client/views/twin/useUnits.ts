// The unit tree of the grid layer: units by id and each unit's children (see unitPath.ts).
import { useMemo } from 'react';
import { childrenByParent, unitsById } from './unitPath';
import type { TwinData } from './useTwinData';

export function useUnits(grids: TwinData['grids']) {
  const units = useMemo(() => unitsById(grids), [grids]);
  const childrenOf = useMemo(() => childrenByParent(units), [units]);
  return { units, childrenOf };
}
