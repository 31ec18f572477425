// Cameras covering a place (视频联动): those whose field of view contains it, nearest first, each
// with the viewpoint to fly to; `best` is the nearest online one.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bestCoverage, type Coverage, camerasCovering, degreesFor } from '../domain/cameraCoverage';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { listCameras, maxCameraRangeM } from '../store/cameras';
import { json, LonLatSchema } from './schemas';

const ViewpointSchema = z
  .object({ lon: z.number(), lat: z.number(), heightM: z.number(), headingDeg: z.number(), pitchDeg: z.number() })
  .openapi('Viewpoint');
const CoverageSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    owner: z.string(),
    online: z.boolean(),
    position: LonLatSchema,
    headingDeg: z.number(),
    fovDeg: z.number(),
    rangeM: z.number(),
    distanceM: z.number(),
    bearingDeg: z.number(),
    offAxisDeg: z.number(),
    viewpoint: ViewpointSchema,
  })
  .openapi('CameraCoverage');

const covering = createRoute({
  method: 'get',
  path: '/cameras/covering',
  tags: ['layers'],
  summary: 'Cameras whose field of view covers a place, nearest first',
  request: {
    query: z.object({
      lon: z.coerce.number().min(-180).max(180).openapi({ example: 116.95 }),
      lat: z.coerce.number().min(-90).max(90).openapi({ example: 31.05 }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: json(
      z.object({ place: LonLatSchema, best: CoverageSchema.nullable(), cameras: z.array(CoverageSchema) }),
      'Covering cameras, nearest first',
    ),
    ...errorResponses,
  },
});

const shape = (c: Coverage) => ({
  id: c.camera.id,
  code: c.camera.code,
  owner: c.camera.owner,
  online: c.camera.online,
  position: c.camera.position,
  headingDeg: c.camera.headingDeg,
  fovDeg: c.camera.fovDeg,
  rangeM: c.camera.rangeM,
  distanceM: Math.round(c.distanceM * 10) / 10,
  bearingDeg: Math.round(c.bearingDeg * 10) / 10,
  offAxisDeg: Math.round(c.offAxisDeg * 10) / 10,
  viewpoint: c.viewpoint,
});

export function cameraRoutes({ db }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(covering, async (c) => {
    const { lon, lat, limit } = c.req.valid('query');
    const { dLon, dLat } = degreesFor(await maxCameraRangeM(db), lat);
    const near = await listCameras(db, { bbox: [lon - dLon, lat - dLat, lon + dLon, lat + dLat] });
    const all = camerasCovering(near, [lon, lat]);
    const best = bestCoverage(all);
    return c.json(
      {
        place: [lon, lat] as [number, number],
        best: best ? shape(best) : null,
        cameras: all.slice(0, limit).map(shape),
      },
      200,
    );
  });
}
