// Village houses (农房) in hamlets (自然村/村民组): each building is a row of 3–6 attached two- or
// three-storey houses (联排农房) of 1–2 households each, so a village grid of 300–500 households is
// about a hundred buildings rather than several hundred.
import type { Rng } from '../random';
import { randomPointIn, type XY } from './planar';
import type { GridSite, Sites } from './sites';
import { type Rect, rectCorners } from './spatial';

export interface VillageAddressing {
  /** The village's own name (月山村), used in addresses: 月山村3组12号. */
  village: string;
  /** Next group (村民组) number in the village; one group per hamlet. */
  nextGroup: number;
}

export function fillVillageGrid(
  rng: Rng,
  sites: Sites,
  grid: GridSite,
  target: number,
  addressing: VillageAddressing,
): void {
  const hamlets = rng.int(2, 4);
  const centres: { c: XY; angle: number; spread: number; group: number; house: number }[] = [];
  for (let h = 0; h < hamlets; h++) {
    centres.push({
      c: randomPointIn(grid.inset, () => rng.next()),
      angle: rng.range(-0.3, 0.3),
      spread: rng.range(45, 70),
      group: addressing.nextGroup++,
      house: 1,
    });
  }
  let failures = 0;
  for (let attempt = 0; attempt < 8_000 && grid.dwellings < target; attempt++) {
    const hamlet = centres[rng.weighted(centres.map((_, i) => 1 + (i === 0 ? 1 : 0)))]!;
    const houses = 3 + rng.weighted([3, 4, 3, 2]);
    const w = rng.range(10, 12.5);
    const d = rng.range(10, 12);
    const c: XY = [hamlet.c[0] + rng.normal(0, hamlet.spread), hamlet.c[1] + rng.normal(0, hamlet.spread)];
    const rect: Rect = {
      cx: c[0],
      cy: c[1],
      hx: (houses * w) / 2,
      hy: d / 2,
      angle: hamlet.angle + rng.range(-0.08, 0.08),
    };
    if (!sites.fits(grid, rectCorners(rect), 4, 5)) {
      failures++;
      if (failures % 25 === 0) hamlet.spread *= 1.2; // the hamlet grows outwards
      if (failures % 200 === 0)
        centres.push({
          c: randomPointIn(grid.inset, () => rng.next()),
          angle: rng.range(-0.3, 0.3),
          spread: 60,
          group: addressing.nextGroup++,
          house: 1,
        });
      continue;
    }
    let dwellings = 0;
    for (let k = 0; k < houses; k++) dwellings += rng.chance(0.5) ? 2 : 1;
    sites.emit(
      rng,
      grid,
      rect,
      'village-house',
      rng.int(2, 3),
      dwellings,
      `${addressing.village}${hamlet.group}组${hamlet.house}号`,
    );
    hamlet.house += houses;
  }
}
