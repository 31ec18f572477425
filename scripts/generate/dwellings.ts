// Where a dwelling sits inside a building: unit (单元), floor and door, and the address suffix.
// Blocks of flats are laid out 一梯两户 (two doors per floor per stairwell), so a unit holds
// 2 × floors dwellings; village houses are numbered by household (户).
import type { Building } from '../../server/domain/model';

export interface DwellingPlace {
  unit: number;
  label: string; // appended to the building address: '2单元501室' or '2户'
}

export function dwellingPlace(building: Pick<Building, 'use' | 'floors' | 'dwellings'>, index: number): DwellingPlace {
  if (building.use === 'village-house') {
    return { unit: 1, label: building.dwellings > 1 ? `${index + 1}户` : '' };
  }
  const floors = Math.max(1, building.floors);
  const perUnit = 2 * floors;
  const unit = Math.floor(index / perUnit) + 1;
  const k = index % perUnit;
  const room = (Math.floor(k / 2) + 1) * 100 + (k % 2) + 1;
  return { unit, label: `${unit}单元${room}室` };
}

/** The unit number a household address ends with ('…3单元502室' → 3); 1 for village houses. */
export function unitOfAddress(address: string): number {
  const m = /(\d+)单元\d+室$/.exec(address);
  return m ? Number(m[1]) : 1;
}
