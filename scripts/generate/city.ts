// The whole reference dataset, stage by stage. Each stage draws from its own named random stream,
// so the dataset depends only on (seed, scale, today).
import { DEPARTMENTS } from '../../server/domain/departments';
import type { CityDataset } from '../../server/domain/model';
import { TAXONOMY } from '../../server/domain/taxonomy';
import { generateEvents } from './events';
import { generateGeography, loadReference } from './geography';
import { chooseCaseRuns, type PlantedHotspot, plantCompounds } from './hotspots';
import { generateOrganisations } from './organisations';
import { generatePopulation } from './people';
import { Rng } from './random';
import { generateThings } from './things';

export const GENERATOR_VERSION = '2';
/** The reference dataset's "today": history ends here. Fixed so that the output is reproducible. */
export const DEFAULT_TODAY = '2026-11-01T00:00:00.000Z';

export interface GenerateOptions {
  seed: number;
  scale: number;
  today?: string;
  referenceDir?: string;
  /** Called as each stage starts, and with progress inside long stages. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const STAGES = ['geography', 'things', 'population', 'organisations', 'events'] as const;

export function generateCity(o: GenerateOptions): CityDataset & { hotspots: PlantedHotspot[] } {
  const rng = new Rng(o.seed);
  const today = o.today ?? DEFAULT_TODAY;
  const progress = (stage: string) => (done: number, total: number) => o.onProgress?.(stage, done, total);

  o.onProgress?.('geography', 0, 1);
  const geo = generateGeography(rng.fork('geography'), loadReference(o.referenceDir), progress('geography'));
  o.onProgress?.('things', 0, 1);
  const things = generateThings(rng.fork('things'), o.scale, geo);
  o.onProgress?.('population', 0, 1);
  const people = generatePopulation(
    rng.fork('population'),
    o.scale,
    { adminUnits: geo.adminUnits, buildings: geo.buildings },
    progress('population'),
  );
  o.onProgress?.('organisations', 0, 1);
  const orgs = generateOrganisations(rng.fork('organisations'), o.scale, {
    adminUnits: geo.adminUnits,
    buildings: geo.buildings,
    ...people,
  });
  // The vulnerable compounds are planted in the population; the case runs in the history below.
  const compounds = plantCompounds(rng.fork('compounds'), {
    adminUnits: geo.adminUnits,
    buildings: geo.buildings,
    cameras: things.cameras,
    households: people.households,
    residents: people.residents,
    today,
  });
  const caseRuns = chooseCaseRuns(rng.fork('case-runs'), geo.adminUnits, new Set(compounds.map((c) => c.areaId)));
  o.onProgress?.('events', 0, 1);
  const events = generateEvents(
    rng.fork('events'),
    o.scale,
    {
      adminUnits: geo.adminUnits,
      buildings: geo.buildings,
      components: things.components,
      patrolPoints: things.patrolPoints,
      gridWorkers: orgs.gridWorkers,
      now: today,
      caseRuns,
    },
    progress('events'),
  );
  const hotspots: PlantedHotspot[] = [
    ...caseRuns.map(
      (r): PlantedHotspot => ({
        kind: 'case-run',
        level: 'grid',
        areaId: r.gridId,
        cause: 'cases',
        itemCode: r.itemCode,
      }),
    ),
    ...compounds,
  ];

  return {
    meta: { seed: o.seed, scale: o.scale, generatedWith: `wendu-twin generate-city v${GENERATOR_VERSION}`, today },
    ...geo,
    ...things,
    departments: [...DEPARTMENTS],
    taxonomy: {
      categories: [...TAXONOMY.categories],
      subcategories: [...TAXONOMY.subcategories],
      items: [...TAXONOMY.items],
    },
    ...people,
    ...orgs,
    ...events,
    hotspots,
  };
}
