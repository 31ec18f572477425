// Open events aggregated for what the camera sees (事件聚合), pure: no Cesium. Events closer together
// on the screen than a cluster's reach become one cluster (a count, how many are urgent and overdue,
// where they lie); zoomed in to street level, every event is its own point. The clustering runs on a
// plane the caller chooses: the screen (the layer projects each event through the camera, so a view
// toward the horizon clusters as it looks), or metres on the ground.
import type { LonLat } from '@domain/model';

/** One open event as the aggregation sees it. */
export interface EventMark {
  id: string;
  position: LonLat;
  /** 3 urgent (紧急), 2 important, 1 general. */
  urgency: 1 | 2 | 3;
  overdue: boolean;
}

export interface EventCluster {
  /** The members' mean position. */
  position: LonLat;
  count: number;
  /** Members that are urgent (severity 3). */
  urgent: number;
  overdue: number;
  /** The highest urgency among the members. */
  worst: 1 | 2 | 3;
  /** [west, south, east, north] of the members, degrees. */
  bbox: [number, number, number, number];
  /** Member ids, sorted. */
  ids: string[];
}

export interface EventClustering {
  /** Events drawn as their own point, sorted by id. */
  singles: string[];
  /** Sorted by their first member's id. */
  clusters: EventCluster[];
}

export const clusterStyle = {
  /** Clusters whose centres would lie closer than this on screen (CSS px at 1080p) merge. */
  radiusPx: 56,
  /** Finer than this ground resolution (metres per CSS px at 1080p) every event is its own point. */
  individualBelowMPerPx: 1.2,
  /** Disc diameter (CSS px at 1080p): grows with the count's logarithm, between these. */
  minSizePx: 24,
  maxSizePx: 50,
} as const;

const M_PER_DEG_LAT = 111_320;

/** Where a position lies on the plane the clustering runs in, or null when it is not on it (behind the camera). */
export type Projection = (position: LonLat) => readonly [number, number] | null;

/** Metres east and north on the ground (one east-west scale for all, from the marks' mean latitude). */
export function groundMetres(marks: readonly EventMark[]): Projection {
  const meanLat = marks.length ? marks.reduce((s, m) => s + m.position[1], 0) / marks.length : 0;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((meanLat * Math.PI) / 180);
  return ([lon, lat]) => [lon * mPerDegLon, lat * M_PER_DEG_LAT];
}

/**
 * Groups events so that no two groups' centres on the plane are closer than `radius` (in the plane's
 * units): first each event, in id order, gathers the ungrouped events within `radius` of it, then
 * groups whose centres lie closer than `radius` merge until none do. Groups of one, and events the
 * projection cannot place, are singles. Deterministic whatever the input order.
 */
export function clusterEvents(
  marks: readonly EventMark[],
  radius: number,
  project: Projection = groundMetres(marks),
): EventClustering {
  const all = [...marks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!(radius > 0) || all.length < 2) return { singles: all.map((m) => m.id), clusters: [] };

  const placed = all.map((m) => project(m.position));
  const unplaced = all.filter((_, i) => !placed[i]).map((m) => m.id);
  const sorted = all.filter((_, i) => placed[i]);
  const xs = placed.filter((p) => p).map((p) => p![0]);
  const ys = placed.filter((p) => p).map((p) => p![1]);
  const r2 = radius * radius;
  const cell = (v: number) => Math.floor(v / radius);

  // 1. Greedy: each ungrouped event takes the ungrouped ones within reach.
  const byCell = new Map<string, number[]>();
  sorted.forEach((_, i) => {
    const key = `${cell(xs[i]!)}:${cell(ys[i]!)}`;
    const list = byCell.get(key);
    if (list) list.push(i);
    else byCell.set(key, [i]);
  });
  interface Group {
    members: number[];
    sx: number;
    sy: number;
  }
  const grouped = new Uint8Array(sorted.length);
  let groups: Group[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (grouped[i]) continue;
    grouped[i] = 1;
    const group: Group = { members: [i], sx: xs[i]!, sy: ys[i]! };
    const cx = cell(xs[i]!);
    const cy = cell(ys[i]!);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of byCell.get(`${cx + dx}:${cy + dy}`) ?? []) {
          if (grouped[j] || (xs[j]! - xs[i]!) ** 2 + (ys[j]! - ys[i]!) ** 2 > r2) continue;
          grouped[j] = 1;
          group.members.push(j);
          group.sx += xs[j]!;
          group.sy += ys[j]!;
        }
    groups.push(group);
  }

  // 2. Merge groups whose centres are too close, until none are (each round only merges, so it ends).
  for (let round = 0; round < 50; round++) {
    const centres = new Map<string, number[]>();
    groups.forEach((g, k) => {
      const key = `${cell(g.sx / g.members.length)}:${cell(g.sy / g.members.length)}`;
      const list = centres.get(key);
      if (list) list.push(k);
      else centres.set(key, [k]);
    });
    const gone = new Uint8Array(groups.length);
    let merged = false;
    groups.forEach((g, k) => {
      if (gone[k]) return;
      const gx = g.sx / g.members.length;
      const gy = g.sy / g.members.length;
      const cx = cell(gx);
      const cy = cell(gy);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (const h of centres.get(`${cx + dx}:${cy + dy}`) ?? []) {
            if (h === k || gone[h]) continue;
            const o = groups[h]!;
            if ((o.sx / o.members.length - gx) ** 2 + (o.sy / o.members.length - gy) ** 2 >= r2) continue;
            gone[h] = 1;
            g.members.push(...o.members);
            g.sx += o.sx;
            g.sy += o.sy;
            merged = true;
          }
    });
    groups = groups.filter((_, k) => !gone[k]);
    if (!merged) break;
  }

  const singles: string[] = unplaced;
  const clusters: EventCluster[] = [];
  for (const g of groups) {
    if (g.members.length === 1) {
      singles.push(sorted[g.members[0]!]!.id);
      continue;
    }
    g.members.sort((a, b) => a - b);
    let lon = 0,
      lat = 0,
      urgent = 0,
      overdue = 0;
    let worst: 1 | 2 | 3 = 1;
    const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const i of g.members) {
      const m = sorted[i]!;
      const [x, y] = m.position;
      lon += x;
      lat += y;
      if (m.urgency === 3) urgent++;
      if (m.overdue) overdue++;
      if (m.urgency > worst) worst = m.urgency;
      bbox[0] = Math.min(bbox[0], x);
      bbox[1] = Math.min(bbox[1], y);
      bbox[2] = Math.max(bbox[2], x);
      bbox[3] = Math.max(bbox[3], y);
    }
    const n = g.members.length;
    clusters.push({
      position: [lon / n, lat / n],
      count: n,
      urgent,
      overdue,
      worst,
      bbox,
      ids: g.members.map((i) => sorted[i]!.id),
    });
  }
  singles.sort();
  clusters.sort((a, b) => (a.ids[0]! < b.ids[0]! ? -1 : 1));
  return { singles, clusters };
}

/** Whether the camera is close enough (metres per CSS px at 1080p) for every event to be its own point. */
export const showsEveryEvent = (mPerPx: number): boolean => !(mPerPx >= clusterStyle.individualBelowMPerPx);

/** A cluster disc's diameter (CSS px at 1080p) for its count. */
export function clusterSizePx(count: number): number {
  const size = clusterStyle.minSizePx + 4 * Math.log2(Math.max(1, count / 2));
  return Math.round(Math.min(clusterStyle.maxSizePx, Math.max(clusterStyle.minSizePx, size)));
}

/** A lon/lat box grown to at least `minM` metres on each side (so a flight to a tight cluster does not land at street level). */
export function paddedBbox(
  bbox: readonly [number, number, number, number],
  minM: number,
): [number, number, number, number] {
  const [w, s, e, n] = bbox;
  const lat = (s + n) / 2;
  const halfLat = Math.max((n - s) / 2, minM / 2 / M_PER_DEG_LAT);
  const halfLon = Math.max((e - w) / 2, minM / 2 / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)));
  const lon = (w + e) / 2;
  return [lon - halfLon, lat - halfLat, lon + halfLon, lat + halfLat];
}
