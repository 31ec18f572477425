// The open-events layer in Cesium (no React): every event as a point (one PointPrimitiveCollection,
// coloured by urgency, overdue ringed; see events.model.ts), and for the camera's distance the
// clusters of events too close together to read (eventClusters.model.ts): a dark disc ringed in the
// colour of what matters most inside (magenta: some overdue), its count, and a red badge with how many
// are urgent. Clusters are a pool of discs and labels reused in place; events inside a cluster are
// hidden, not removed. The owner re-aggregates when the camera comes to rest (`setView`, with the
// camera's projection onto the screen) and the layer when an event arrives; primitives are touched
// only when what is drawn changes.

import type { GovEvent } from '@domain/model';
import {
  Cartesian2,
  type Cartesian3,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  type Label,
  LabelCollection,
  LabelStyle,
  type PointPrimitive,
  PointPrimitiveCollection,
  PrimitiveCollection,
  VerticalOrigin,
} from 'cesium';
import { createPointLayer, type LayerHost, type PointLayer } from '../points/points.layer';
import { onGround } from '../viewer/ground';
import {
  clusterEvents,
  clusterSizePx,
  clusterStyle,
  type EventCluster,
  type EventMark,
  type Projection,
  showsEveryEvent,
} from './eventClusters.model';
import { eventMarks, eventSpecs, overdueOutline, urgencyColors } from './events.model';

/** The id a cluster's disc and labels carry (not a PickRef: a click on it selects nothing, it flies in). */
export interface EventClusterRef {
  eventCluster: number;
}

export const isEventClusterRef = (id: unknown): id is EventClusterRef =>
  typeof id === 'object' && id !== null && typeof (id as EventClusterRef).eventCluster === 'number';

export interface EventLayerOptions {
  /** Multiplies pixel sizes (1 at 1080p, 2 on a 4K wall). */
  scale: number;
  fontFamily: string;
}

export interface EventLayer {
  /** Open events held (drawn as points or inside clusters). */
  readonly count: number;
  /** The clusters drawn now. */
  readonly clusters: readonly EventCluster[];
  show: boolean;
  /**
   * Re-aggregates for the camera: its ground resolution (metres per CSS pixel at 1080p; close in,
   * every event is its own point) and where a place lies on the screen (CSS px). True when what is
   * drawn changed.
   */
  setView(mPerPx: number, toScreen: Projection): boolean;
  /** Adds or updates an event (a live one), in place; a closed event leaves the map. */
  upsert(event: GovEvent, nowMs?: number): void;
  /** A cluster's disc diameter on screen, CSS px. */
  clusterSizePx(cluster: EventCluster): number;
  destroy(): void;
}

const clusterFill = Color.fromCssColorString('#0a1730');
const countColor = Color.WHITE;
const countOutline = Color.fromCssColorString('#02060d');
const badgeFill = Color.fromCssColorString(urgencyColors[3]);
const ringOverdue = Color.fromCssColorString(overdueOutline.color);
const ringByUrgency = {
  1: Color.fromCssColorString(urgencyColors[1]),
  2: Color.fromCssColorString(urgencyColors[2]),
  3: Color.fromCssColorString(urgencyColors[3]),
};
const EVENT_MAX_DISTANCE_M = 200_000;
const CLUSTER_HEIGHT_M = 8;

export function createEventLayer(
  host: LayerHost,
  events: readonly GovEvent[],
  nowMs: number,
  options: EventLayerOptions,
): EventLayer {
  const { scale } = options;
  const points: PointLayer = createPointLayer(host, eventSpecs(events, nowMs), {
    scale,
    alwaysOnTopWithinM: Number.POSITIVE_INFINITY,
  });
  const marks = new Map<string, EventMark>(eventMarks(events, nowMs).map((m) => [m.id, m]));

  // Clusters over the points: discs, then their counts and badges (drawn later, so on top).
  const root = new PrimitiveCollection({ destroyPrimitives: true });
  const discs = new PointPrimitiveCollection();
  const labels = new LabelCollection();
  root.add(discs);
  root.add(labels);
  host.primitives.add(root);

  interface Slot {
    disc: PointPrimitive;
    count: Label;
    badge: Label;
  }
  const pool: Slot[] = [];
  const near = new DistanceDisplayCondition(0, EVENT_MAX_DISTANCE_M);
  const slot = (i: number, position: Cartesian3): Slot => {
    let s = pool[i];
    if (s) return s;
    const id: EventClusterRef = { eventCluster: i };
    const common = {
      id,
      position,
      show: false,
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
      distanceDisplayCondition: near,
    };
    s = {
      disc: discs.add({ ...common, color: clusterFill, outlineColor: ringOverdue }),
      count: labels.add({
        ...common,
        text: '',
        font: `bold ${Math.round(14 * scale)}px ${options.fontFamily}`,
        fillColor: countColor,
        outlineColor: countOutline,
        outlineWidth: 3 * scale,
        style: LabelStyle.FILL_AND_OUTLINE,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.CENTER,
      }),
      badge: labels.add({
        ...common,
        text: '',
        font: `bold ${Math.round(11 * scale)}px ${options.fontFamily}`,
        fillColor: Color.WHITE,
        showBackground: true,
        backgroundColor: badgeFill,
        backgroundPadding: new Cartesian2(4 * scale, 2 * scale),
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.CENTER,
      }),
    };
    pool.push(s);
    return s;
  };

  /** The camera last given; null: every event its own point. */
  let view: Projection | null = null;
  const closed = new Set<string>();
  let drawn = ''; // the clusters' members now drawn, as one string
  let clusters: EventCluster[] = [];
  const sizeOf = (c: EventCluster) => clusterSizePx(c.count) * scale;

  const aggregate = (force: boolean): boolean => {
    const result = view ? clusterEvents([...marks.values()], clusterStyle.radiusPx * scale, view) : { clusters: [] };
    const members = result.clusters.map((c) => c.ids.join(',')).join(';');
    if (!force && members === drawn) return false;
    drawn = members;
    clusters = result.clusters;
    const hidden = new Set<string>();
    clusters.forEach((c, i) => {
      for (const id of c.ids) hidden.add(id);
      const position = onGround(c.position[0], c.position[1], CLUSTER_HEIGHT_M);
      const s = slot(i, position);
      const size = sizeOf(c);
      s.disc.position = position;
      s.disc.pixelSize = size;
      s.disc.outlineColor = c.overdue > 0 ? ringOverdue : ringByUrgency[c.worst];
      s.disc.outlineWidth = (c.overdue > 0 || c.worst > 1 ? 3 : 2) * scale;
      s.disc.show = true;
      s.count.position = position;
      s.count.text = String(c.count);
      s.count.show = true;
      s.badge.position = position;
      s.badge.text = String(c.urgent);
      s.badge.pixelOffset = new Cartesian2(size * 0.42, -size * 0.42);
      s.badge.show = c.urgent > 0;
    });
    for (let i = clusters.length; i < pool.length; i++) {
      const s = pool[i]!;
      s.disc.show = s.count.show = s.badge.show = false;
    }
    points.setFilter(
      hidden.size || closed.size ? (spec) => !hidden.has(spec.pick.id) && !closed.has(spec.pick.id) : null,
    );
    host.requestRender();
    return true;
  };

  let destroyed = false;
  return {
    get count() {
      return marks.size;
    },
    get clusters() {
      return clusters;
    },
    get show() {
      return points.show;
    },
    set show(value: boolean) {
      points.show = value;
      root.show = value;
      host.requestRender();
    },
    setView(mPerPx, toScreen) {
      if (destroyed) return false;
      view = showsEveryEvent(mPerPx) ? null : toScreen;
      return aggregate(false);
    },
    upsert(event, now = Date.now()) {
      if (destroyed) return;
      const [spec] = eventSpecs([event], now);
      const [mark] = eventMarks([event], now);
      if (spec && mark) {
        points.upsert(spec);
        marks.set(mark.id, mark);
        closed.delete(mark.id);
      } else if (marks.delete(event.id)) {
        // Closed: no longer drawn (its point stays in the collection, hidden, until the next reload).
        closed.add(event.id);
      } else return;
      aggregate(true);
    },
    clusterSizePx: sizeOf,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      points.destroy();
      host.primitives.remove(root);
      if (!root.isDestroyed()) root.destroy();
      host.requestRender();
    },
  };
}
