// The terrain Cesium draws, made in the page from the elevation model already loaded for placing things
// (client/twin/viewer/ground.ts): each tile's 65 × 65 heights are sampled on request, with no round
// trip per tile. Cesium refines the globe level by level, a frame or more each; a tile that must
// first come over the network costs a few more frames per level on software WebGL (measured: README,
// "The ground and the terrain"). The same model is served as heightmap-1.0 tiles (/api/terrain) for
// other Cesium clients.
import { CustomHeightmapTerrainProvider, GeographicTilingScheme } from 'cesium';
import { groundHeight } from '../viewer/ground';

const SIZE = 65;
const tiling = new GeographicTilingScheme();
const flat = new Float32Array(SIZE * SIZE);

export function demTerrainProvider(reach: [number, number, number, number]): CustomHeightmapTerrainProvider {
  const [w, s, e, n] = reach;
  return new CustomHeightmapTerrainProvider({
    width: SIZE,
    height: SIZE,
    tilingScheme: tiling,
    callback: (x, y, level) => {
      const r = tiling.tileXYToRectangle(x, y, level);
      const [west, south, east, north] = [r.west, r.south, r.east, r.north].map((v) => (v * 180) / Math.PI) as [
        number,
        number,
        number,
        number,
      ];
      if (east < w || west > e || north < s || south > n) return flat;
      const heights = new Float32Array(SIZE * SIZE);
      // rows from the north, as Cesium's heightmaps run
      for (let row = 0; row < SIZE; row++) {
        const lat = north - ((north - south) * row) / (SIZE - 1);
        for (let col = 0; col < SIZE; col++)
          heights[row * SIZE + col] = groundHeight(west + ((east - west) * col) / (SIZE - 1), lat);
      }
      return heights;
    },
  });
}
