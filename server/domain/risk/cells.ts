// The H3 cells of a point at the three resolutions the risk model groups by (H3 六边形网格).
// Resolution 10 (about 0.015 km², a building or two) comes from the coordinates; 9 (a block) and 8
// (a neighbourhood, about 0.7 km²) are its parents, so the three nest exactly.
import { cellToParent, latLngToCell } from 'h3-js';

export const H3_RESOLUTIONS = [8, 9, 10] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

export interface Cells {
  r8: string;
  r9: string;
  r10: string;
}

export function cellsOf(lon: number, lat: number): Cells {
  const r10 = latLngToCell(lat, lon, 10);
  return { r8: cellToParent(r10, 8), r9: cellToParent(r10, 9), r10 };
}
