// Zod schemas shared by several routes; the OpenAPI document is generated from them.
import { z } from '@hono/zod-openapi';
import type { Bbox } from '../store/sql';

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const BBOX_PATTERN = new RegExp(`^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`);

/** `bbox=minLon,minLat,maxLon,maxLat` in WGS84 degrees. */
export const BboxParam = z
  .string()
  .regex(BBOX_PATTERN, 'expected four numbers: minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as Bbox)
  .refine(
    ([a, b, c, d]) => a >= -180 && c <= 180 && b >= -90 && d <= 90,
    'longitudes must lie in [-180, 180] and latitudes in [-90, 90]',
  )
  .refine(([a, b, c, d]) => a < c && b < d, 'min must be less than max')
  .openapi({ param: { name: 'bbox', in: 'query' }, example: '116.9,31.0,117.0,31.1', type: 'string' });

export const BoolParam = z.enum(['true', 'false']).transform((s) => s === 'true');

export const LonLatSchema = z.tuple([z.number(), z.number()]).openapi({ example: [116.95, 31.05] });

const GeometrySchema = z
  .object({ type: z.enum(['Point', 'LineString', 'Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) })
  .openapi('Geometry');

/** A GeoJSON FeatureCollection whose features carry `properties`. */
export function featureCollectionSchema<P extends z.ZodType>(name: string, properties: P) {
  return z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(z.object({ type: z.literal('Feature'), id: z.string(), geometry: GeometrySchema, properties })),
    })
    .openapi(name);
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
