// Search for the map (检索): grids, communities and other units by name, components by code, cameras
// by id or code, buildings by address. Non-personal records only; every hit has a position.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { SearchHit } from '../domain/search';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { search } from '../store/search';
import { json, LonLatSchema } from './schemas';

export const SearchHitSchema = z
  .object({
    kind: z.enum(['unit', 'component', 'camera', 'building']),
    id: z.string(),
    label: z.string().openapi({ example: '龙眠街道' }),
    detail: z
      .string()
      .openapi({ description: "A unit's level, a component's subtype, a camera's owner, a building's use" }),
    position: LonLatSchema,
  })
  .openapi('SearchHit') satisfies z.ZodType<SearchHit>;

const route = createRoute({
  method: 'get',
  path: '/search',
  tags: ['city'],
  summary: 'Find units, components, cameras and buildings by name, code, id or address',
  request: {
    query: z.object({
      q: z.string().trim().min(1, 'expected some text to search for').max(60, 'at most 60 characters'),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: { 200: json(z.object({ hits: z.array(SearchHitSchema) }), 'Hits, best first'), ...errorResponses },
});

export function searchRoutes({ db }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { q, limit } = c.req.valid('query');
    return c.json({ hits: await search(db, q, limit) }, 200);
  });
}
