// Cesium's geographic tiling scheme (GeographicTilingScheme): two root tiles at level 0, each level
// halving the tile; x from the antimeridian eastwards, y from the north (imagery, {y}) or from the
// south (terrain, TMS).
export interface TileBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function tileBox(z: number, x: number, yFromNorth: number): TileBox {
  const size = 180 / 2 ** z;
  const west = -180 + x * size;
  const north = 90 - yFromNorth * size;
  return { west, south: north - size, east: west + size, north };
}

/** The TMS row (from the south) of a tile row counted from the north, at level z. */
export const tmsRow = (z: number, yFromNorth: number) => 2 ** z - 1 - yFromNorth;

export function validTile(z: number, x: number, y: number, maxLevel: number): boolean {
  return (
    Number.isInteger(z) &&
    Number.isInteger(x) &&
    Number.isInteger(y) &&
    z >= 0 &&
    z <= maxLevel &&
    x >= 0 &&
    x < 2 ** (z + 1) &&
    y >= 0 &&
    y < 2 ** z
  );
}

export const intersects = (t: TileBox, b: readonly [number, number, number, number]) =>
  b[2] >= t.west && b[0] <= t.east && b[3] >= t.south && b[1] <= t.north;
