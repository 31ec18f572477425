// GeoJSON map layers: grids (every level of the tree), components, cameras, patrol points, sensors, buildings,
// roads, rivers, standing water and land use (the basemap the analyst's map draws from our own data, no online
// tiles), the elevation model, and the twin's preset views.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { featureCollection, pointFeature } from '../domain/geojson';
import { cachedJson, queryKey } from '../http/cachedJson';
import type { RouteDeps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { listAdminUnits } from '../store/adminUnits';
import { listBuildings } from '../store/buildings';
import { listCameras } from '../store/cameras';
import { listComponents } from '../store/components';
import { listLandUse, listWaters, readDem } from '../store/ground';
import { listRivers, listRoads } from '../store/lines';
import { listPatrolPoints } from '../store/patrolPoints';
import { listSensors } from '../store/sensors';
import { listViewpoints } from '../store/viewpoints';
import { BboxParam, BoolParam, featureCollectionSchema, json } from './schemas';

const GridId = z.string().regex(/^[0-9A-Z]{6,20}$/, 'expected a grid id such as 340881002001G01');
const LEVELS = ['city', 'subdistrict', 'town', 'community', 'village', 'grid'] as const;
const COMPONENT_STATES = ['normal', 'damaged', 'missing', 'occupied'] as const;
const CAMERA_OWNERS = ['police', 'urban-management'] as const;
const ROAD_KINDS = [
  'expressway',
  'national',
  'provincial',
  'county',
  'village',
  'arterial',
  'collector',
  'lane',
  'railway',
] as const;
const PATROL_KINDS = ['main-road', 'secondary-road', 'market', 'compound'] as const;
const SENSOR_KINDS = ['manhole', 'rain-gauge', 'river-gauge'] as const;
const WATER_KINDS = ['pond', 'reservoir'] as const;
const LAND_USE_KINDS = ['field', 'forest', 'park', 'built-up', 'water'] as const;
const BUILDING_USES = ['residential', 'commercial', 'public', 'industrial', 'village-house'] as const;

const layer = <Path extends string, Q extends z.ZodObject, P extends z.ZodType>(
  path: Path,
  summary: string,
  query: Q,
  properties: P,
) =>
  createRoute({
    method: 'get',
    path,
    tags: ['layers'],
    summary,
    request: { query },
    responses: {
      200: json(
        featureCollectionSchema(`${path.split('/').pop()}Layer`, properties),
        'GeoJSON FeatureCollection (WGS84)',
      ),
      ...errorResponses,
    },
  });

const grids = layer(
  '/layers/grids',
  'Units of the administrative and grid tree, as polygons',
  z.object({
    level: z.enum(LEVELS).optional().openapi({ description: 'Level of the tree; all levels when omitted' }),
    area: z.enum(['urban', 'village']).optional(),
    parentId: z
      .string()
      .regex(/^[0-9A-Z]{6,20}$/)
      .optional(),
    bbox: BboxParam.optional(),
  }),
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    area: z.enum(['urban', 'village']).nullable(),
    parentId: z.string().nullable(),
    areaM2: z.number(),
  }),
);

const components = layer(
  '/layers/components',
  'City components (城市部件) as points',
  z.object({
    bbox: BboxParam.optional(),
    category: z
      .string()
      .regex(/^\d{2}$/, 'expected a two-digit category code such as 01')
      .optional(),
    subtype: z
      .string()
      .regex(/^\d{4}$/, 'expected a four-digit subtype code such as 0101')
      .optional(),
    state: z.enum(COMPONENT_STATES).optional(),
    gridId: GridId.optional(),
  }),
  z.object({
    id: z.string(),
    code: z.string(),
    categoryCode: z.string(),
    category: z.string(),
    subtypeCode: z.string(),
    subtype: z.string(),
    departmentId: z.string(),
    state: z.enum(COMPONENT_STATES),
    gridId: z.string(),
    roadId: z.string().nullable(),
  }),
);

const cameras = layer(
  '/layers/cameras',
  'Video devices (视频监控) as points with heading and field of view',
  z.object({
    bbox: BboxParam.optional(),
    owner: z.enum(CAMERA_OWNERS).optional(),
    online: BoolParam.optional(),
    gridId: GridId.optional(),
  }),
  z.object({
    id: z.string(),
    code: z.string(),
    owner: z.enum(CAMERA_OWNERS),
    headingDeg: z.number(),
    fovDeg: z.number(),
    rangeM: z.number(),
    heightM: z.number(),
    online: z.boolean(),
    gridId: z.string(),
  }),
);

const patrolPoints = layer(
  '/layers/patrol-points',
  'Patrol points (巡查点位)',
  z.object({
    bbox: BboxParam.optional(),
    kind: z.enum(PATROL_KINDS).optional(),
    gridId: GridId.optional(),
  }),
  z.object({ id: z.string(), name: z.string(), kind: z.enum(PATROL_KINDS), gridId: z.string() }),
);

const sensors = layer(
  '/layers/sensors',
  'Sensing terminals: smart manholes, rain gauges, river gauges',
  z.object({
    bbox: BboxParam.optional(),
    kind: z.enum(SENSOR_KINDS).optional(),
    gridId: GridId.optional(),
  }),
  z.object({ id: z.string(), kind: z.enum(SENSOR_KINDS), componentId: z.string().nullable(), gridId: z.string() }),
);

const buildings = layer(
  '/layers/buildings',
  'Building footprints with floors, height and use',
  z.object({
    bbox: BboxParam.optional(),
    use: z.enum(BUILDING_USES).optional(),
    gridId: GridId.optional(),
  }),
  z.object({
    id: z.string(),
    gridId: z.string(),
    address: z.string(),
    use: z.enum(BUILDING_USES),
    floors: z.number(),
    heightM: z.number(),
    dwellings: z.number(),
    households: z.number(),
    residents: z.number(),
  }),
);

const roads = layer(
  '/layers/roads',
  'Roads (道路) as centre lines with class, kind in the hierarchy (expressway … lane, railway) and width',
  z.object({ bbox: BboxParam.optional(), class: z.enum(['main', 'secondary']).optional() }),
  z.object({
    id: z.string(),
    name: z.string(),
    class: z.enum(['main', 'secondary']),
    kind: z.enum(ROAD_KINDS),
    widthM: z.number(),
  }),
);

const rivers = layer(
  '/layers/rivers',
  'Rivers (河流) as centre lines with width',
  z.object({ bbox: BboxParam.optional() }),
  z.object({ id: z.string(), name: z.string(), widthM: z.number() }),
);

const VIEWPOINT_KEYS = ['county', 'old-town', 'new-compound', 'village', 'river'] as const;
const viewpointsLayer = layer(
  '/layers/viewpoints',
  "The twin's preset views (预设视角), found from the data: the whole county, the old town at street level, a new compound, a village, the river. Each point is what the view looks at; `view` is the camera's pose, as the twin's `?view=` takes it",
  z.object({}),
  z.object({
    key: z.enum(VIEWPOINT_KEYS),
    place: z.string().openapi({ description: "The place's own name in the data" }),
    view: z.object({
      lon: z.number(),
      lat: z.number(),
      heightM: z.number(),
      headingDeg: z.number(),
      pitchDeg: z.number(),
    }),
  }),
);

const waters = layer(
  '/layers/waters',
  'Standing water (水面): village ponds (水塘) and small reservoirs (小型水库), as polygons',
  z.object({ bbox: BboxParam.optional(), kind: z.enum(WATER_KINDS).optional() }),
  z.object({ id: z.string(), name: z.string(), kind: z.enum(WATER_KINDS), gridId: z.string(), areaM2: z.number() }),
);

const landUse = layer(
  '/layers/land-use',
  'Land use (用地) over the county: fields, forest, parks, built-up land and lakes, as polygons (generated)',
  z.object({ bbox: BboxParam.optional(), kind: z.enum(LAND_USE_KINDS).optional() }),
  z.object({ id: z.string(), kind: z.enum(LAND_USE_KINDS), name: z.string(), areaM2: z.number() }),
);

const ElevationSchema = z
  .object({
    west: z.number().openapi({ description: 'Longitude of the first post of each row' }),
    south: z.number().openapi({ description: 'Latitude of the first row' }),
    stepDeg: z.number().openapi({ description: 'Spacing of the posts and of the rows, degrees' }),
    cols: z.number().int(),
    rows: z.number().int(),
    heightsDm: z.array(z.number().int()).openapi({ description: 'Heights in decimetres, row-major, south to north' }),
  })
  .nullable()
  .openapi('ElevationModel');

const elevation = createRoute({
  method: 'get',
  path: '/layers/elevation',
  tags: ['layers'],
  summary:
    'The elevation model (数字高程模型, generated): a grid of heights over the county, for placing points on the ground; null when the store has none',
  responses: { 200: json(ElevationSchema, 'The grid of heights'), ...errorResponses },
});

/** An area (water, land use) as a GeoJSON Polygon feature. */
const areaFeature = <T extends { id: string; polygon: [number, number][][] }>({ polygon, ...properties }: T) => ({
  type: 'Feature' as const,
  id: properties.id,
  geometry: { type: 'Polygon' as const, coordinates: polygon },
  properties,
});

/** A centre line (road, river) as a GeoJSON LineString feature. */
const lineFeature = <T extends { id: string; line: [number, number][] }>({ line, ...properties }: T) => ({
  type: 'Feature' as const,
  id: properties.id,
  geometry: { type: 'LineString' as const, coordinates: line },
  properties,
});

/**
 * Every layer is the same for every reader with the map permission (none is filtered by scope: they
 * hold no personal data), so one answer per (layer, query, data version) serves them all.
 */
export function layerRoutes(deps: RouteDeps) {
  const { db } = deps;
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(grids, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/grids?${queryKey(q)}`,
        tables: ['admin_units'],
        build: async () =>
          featureCollection(
            (await listAdminUnits(db, q)).map(({ geometry, centroid: _c, path: _p, ...props }) => ({
              type: 'Feature' as const,
              id: props.id,
              geometry: geometry!,
              properties: props,
            })),
          ),
      });
    })
    .openapi(components, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/components?${queryKey(q)}`,
        tables: ['components'],
        build: async () => featureCollection((await listComponents(db, q)).map(pointFeature)),
      });
    })
    .openapi(cameras, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/cameras?${queryKey(q)}`,
        tables: ['cameras'],
        build: async () => featureCollection((await listCameras(db, q)).map(pointFeature)),
      });
    })
    .openapi(patrolPoints, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/patrol-points?${queryKey(q)}`,
        tables: ['patrol_points'],
        build: async () => featureCollection((await listPatrolPoints(db, q)).map(pointFeature)),
      });
    })
    .openapi(sensors, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/sensors?${queryKey(q)}`,
        tables: ['sensors'],
        build: async () => featureCollection((await listSensors(db, q)).map(pointFeature)),
      });
    })
    .openapi(buildings, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/buildings?${queryKey(q)}`,
        tables: ['buildings', 'households'],
        build: async () =>
          featureCollection(
            (await listBuildings(db, q)).map(({ footprint, centroid: _c, ...props }) => ({
              type: 'Feature' as const,
              id: props.id,
              geometry: { type: 'Polygon' as const, coordinates: footprint },
              properties: props,
            })),
          ),
      });
    })
    .openapi(roads, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/roads?${queryKey(q)}`,
        tables: ['roads'],
        build: async () => featureCollection((await listRoads(db, q)).map(lineFeature)),
      });
    })
    .openapi(rivers, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/rivers?${queryKey(q)}`,
        tables: ['rivers'],
        build: async () => featureCollection((await listRivers(db, q)).map(lineFeature)),
      });
    })
    .openapi(viewpointsLayer, (c) =>
      cachedJson(c, deps, {
        key: 'layers/viewpoints',
        // the places, and the ground each view is aimed at
        tables: ['admin_units', 'roads', 'buildings', 'rivers', 'terrain'],
        build: async () =>
          featureCollection(
            (await listViewpoints(db)).map(({ target, ...properties }) => ({
              type: 'Feature' as const,
              id: properties.key,
              geometry: { type: 'Point' as const, coordinates: target },
              properties,
            })),
          ),
      }),
    )
    .openapi(waters, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/waters?${queryKey(q)}`,
        tables: ['waters'],
        build: async () => featureCollection((await listWaters(db, q)).map(areaFeature)),
      });
    })
    .openapi(landUse, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, deps, {
        key: `layers/land-use?${queryKey(q)}`,
        tables: ['land_use'],
        build: async () => featureCollection((await listLandUse(db, q)).map(areaFeature)),
      });
    })
    .openapi(elevation, (c) =>
      cachedJson(c, deps, {
        key: 'layers/elevation',
        tables: ['terrain'],
        build: async () => {
          const dem = await readDem(db);
          if (!dem) return null;
          const { heights, ...grid } = dem;
          return { ...grid, heightsDm: Array.from(heights, (h) => Math.round(h * 10)) };
        },
      }),
    );
}
