// The 3D city's pure side: which building a pick hit, the rows of a building's card, and what the layer
// reports on <body data-*> for tests and a wall's watchdog. No Cesium, no React.
import type { BuildingKind, BuildingUse } from '@domain/model';
import type { BuildingCard } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';

/** Building ids as the builder writes them into the tiles' property table. */
const BUILDING_ID = /^B\d{1,9}$/;

/** The building id of whatever `scene.pick` returned (a Cesium3DTileFeature), or null for anything else. */
export function buildingIdOf(picked: unknown): string | null {
  const feature = picked as { getProperty?: (name: string) => unknown } | undefined;
  if (!feature || typeof feature.getProperty !== 'function') return null;
  const id = feature.getProperty('id');
  return typeof id === 'string' && BUILDING_ID.test(id) ? id : null;
}

export interface CardRow {
  label: MessageKey;
  value: MessageKey | null;
  /** The value's text when it is not a message (the address, the grid name). */
  text?: string;
  vars?: Record<string, string | number>;
}

export const useLabels: Readonly<Record<BuildingUse, MessageKey>> = {
  residential: 'building.use.residential',
  commercial: 'building.use.commercial',
  public: 'building.use.public',
  industrial: 'building.use.industrial',
  'village-house': 'building.use.village-house',
};

export const kindLabels: Readonly<Record<BuildingKind, MessageKey>> = {
  courtyard: 'building.kind.courtyard',
  'walk-up': 'building.kind.walk-up',
  slab: 'building.kind.slab',
  tower: 'building.kind.tower',
  shophouse: 'building.kind.shophouse',
  shop: 'building.kind.shop',
  mall: 'building.kind.mall',
  office: 'building.kind.office',
  school: 'building.kind.school',
  hospital: 'building.kind.hospital',
  government: 'building.kind.government',
  'community-centre': 'building.kind.community-centre',
  hall: 'building.kind.hall',
  factory: 'building.kind.factory',
  'village-house': 'building.kind.village-house',
};

/** The card's rows, in the order the panel shows them. Counts only: nobody's name is on it. */
export function cardRows(card: BuildingCard, formatNumber: (n: number) => string = String): CardRow[] {
  return [
    { label: 'building.address', value: null, text: card.address },
    { label: 'building.use', value: useLabels[card.use] },
    { label: 'building.kind', value: kindLabels[card.kind] },
    ...(card.builtYear !== null && card.era !== null
      ? [
          {
            label: 'building.built' as const,
            value: `building.era.${card.era}` as const,
            vars: { year: card.builtYear },
          },
        ]
      : []),
    {
      label: 'building.floors',
      value: 'building.floorsValue',
      vars: { floors: card.floors, height: Math.round(card.heightM) },
    },
    { label: 'building.grid', value: null, text: card.gridName },
    {
      label: 'building.households',
      value: 'building.householdsValue',
      vars: { households: formatNumber(card.households) },
    },
    {
      label: 'building.residents',
      value: 'building.residentsValue',
      vars: { residents: formatNumber(card.residents) },
    },
  ];
}

/** What the buildings layer tells the outside, as <body data-*> attributes. */
export interface BuildingsStatus {
  /** Tile contents loaded so far. */
  tilesLoaded: number;
  /** The first view's tiles are all loaded. */
  ready: boolean;
  /** Times every tile the current view needs was loaded (after each camera move that needed more). */
  settled: number;
  /** Tiles the current view needs are still loading (as of the last frame drawn). */
  loading: boolean;
  /** Clicks on the scene answered (hit or miss). */
  picks: number;
  selected: string | null;
  error?: string;
}

export function statusAttributes(status: BuildingsStatus): Record<string, string | undefined> {
  return {
    buildingTiles: String(status.tilesLoaded),
    buildingsReady: String(status.ready),
    buildingsSettled: String(status.settled),
    buildingsLoading: String(status.loading),
    buildingPicks: String(status.picks),
    buildingSelected: status.selected ?? undefined,
    buildingsError: status.error,
  };
}
