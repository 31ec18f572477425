// One building, as the 3D city's info panel shows it when it is picked: address, use and kind, year
// built and era, floors, grid, and how many households and residents live there (counts only, no
// personal data).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { BUILDING_ERAS } from '../domain/buildingEra';
import { BUILDING_KINDS } from '../domain/model';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { getBuildingCard } from '../store/buildings';
import { json } from './schemas';

const n = z.number().int();

export const BuildingCardSchema = z
  .object({
    id: z.string(),
    address: z.string(),
    use: z.enum(['residential', 'commercial', 'public', 'industrial', 'village-house']),
    kind: z
      .enum(BUILDING_KINDS)
      .openapi({ description: 'What it is within its use (shophouse: shops below, flats above)' }),
    builtYear: n
      .nullable()
      .openapi({ description: 'The year it was built (null in a store from before migration 17)' }),
    era: z.enum(BUILDING_ERAS).nullable().openapi({ description: 'Its era, from builtYear' }),
    floors: n,
    heightM: z.number(),
    gridId: z.string(),
    gridName: z.string(),
    dwellings: n,
    households: n,
    residents: n,
  })
  .openapi('BuildingCard');

const getBuilding = createRoute({
  method: 'get',
  path: '/buildings/{id}',
  tags: ['layers'],
  summary:
    'A building: address, use and kind, year built and era, floors, grid, households and residents (counts only)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^B\d{1,9}$/, 'expected a building id such as B000001')
        .openapi({ param: { name: 'id', in: 'path' }, example: 'B000001' }),
    }),
  },
  responses: { 200: json(BuildingCardSchema, 'The building'), ...notFoundResponse, ...errorResponses },
});

export function buildingRoutes({ db }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getBuilding, async (c) => {
    const { id } = c.req.valid('param');
    const card = await getBuildingCard(db, id);
    if (!card) throw new ApiError(404, 'not_found', `No building with id ${id}`);
    return c.json(card, 200);
  });
}
