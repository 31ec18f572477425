// The ground tiles' description (GET /api/ground/layer.json) → the imagery provider's options.
export interface GroundLayerJson {
  tiles: string[];
  maxzoom: number;
  bounds: [number, number, number, number] | null;
}

export interface GroundImagery {
  url: string;
  maximumLevel: number;
  bounds: [number, number, number, number];
}

/** Null when the server has no ground to draw (a store generated before issue 14's ground). */
export function groundImageryOf(layer: GroundLayerJson, base: string): GroundImagery | null {
  const template = layer.tiles[0];
  if (!layer.bounds || !template) return null;
  return { url: `${base}/${template}`, maximumLevel: layer.maxzoom, bounds: layer.bounds };
}
