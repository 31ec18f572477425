// The events layer on real Cesium collections (no WebGL needed until a frame is rendered): points for
// every event, clusters for the camera's band reused in place, live events and closures, cleanup.

import type { GovEvent } from '@domain/model';
import { TAXONOMY } from '@domain/taxonomy';
import type { Label, LabelCollection, PointPrimitive, PointPrimitiveCollection, PrimitiveCollection } from 'cesium';
import { describe, expect, it } from 'vitest';
import { testHost } from '../testing/cesiumInNode';
import type { Projection } from './eventClusters.model';
import { createEventLayer, isEventClusterRef } from './events.layer';

const itemOf = (severity: 1 | 2 | 3) => TAXONOMY.items.find((i) => i.severity === severity)!.code;
const now = Date.parse('2026-11-01T00:00:00Z');
const event = (id: string, lon: number, severity: 1 | 2 | 3, o: Partial<GovEvent> = {}): GovEvent => ({
  id,
  code: id,
  itemCode: itemOf(severity),
  source: 'patrol',
  gridId: 'G',
  position: [lon, 31],
  reportedAt: '2026-10-31T00:00:00Z',
  deadlineAt: '2026-11-02T00:00:00Z',
  departmentId: 'D02',
  status: 'handling',
  closedAt: null,
  overdue: false,
  description: '',
  ...o,
});
// Three events within 200 m, one 10 km east.
const events = [
  event('a', 117, 3, { overdue: true }),
  event('b', 117.001, 1),
  event('c', 117.002, 2),
  event('far', 117.1, 1),
];

// Straight down from high up: 22 m per CSS pixel, north up (a 4K wall: scale 2, so 11 m per canvas pixel).
const cityView: Projection = ([lon, lat]) => [((lon - 117) * 95_400) / 11, -((lat - 31) * 111_320) / 11];

const shown = <T extends { show: boolean }>(items: T[]) => items.filter((p) => p.show);
const all = <T>(c: { length: number; get(i: number): T }) => Array.from({ length: c.length }, (_, i) => c.get(i));

describe('createEventLayer', () => {
  it('draws every event, then clusters for the band in place, follows live events, and cleans up', () => {
    const h = testHost();
    const layer = createEventLayer(h, events, now, { scale: 2, fontFamily: 'sans-serif' });
    expect(h.primitives.length).toBe(2);
    const points = h.primitives.get(0) as PointPrimitiveCollection;
    const root = h.primitives.get(1) as PrimitiveCollection;
    const discs = root.get(0) as PointPrimitiveCollection;
    const labels = root.get(1) as LabelCollection;
    const pointIds = () => shown(all<PointPrimitive>(points)).map((p) => (p.id as { id: string }).id);
    expect(layer.count).toBe(4);
    expect(pointIds()).toEqual(['a', 'b', 'c', 'far']);
    expect(layer.clusters).toEqual([]);

    // City view (22 m per pixel, straight down): the three close events become one cluster, the far one stays a point.
    expect(layer.setView(22, cityView)).toBe(true);
    expect(layer.clusters.map((c) => c.ids)).toEqual([['a', 'b', 'c']]);
    expect(pointIds()).toEqual(['far']);
    const disc = discs.get(0);
    expect([disc.show, disc.pixelSize, disc.outlineColor.blue]).toEqual([
      true,
      layer.clusterSizePx(layer.clusters[0]!),
      1,
    ]); // magenta ring: one is overdue
    expect(isEventClusterRef(disc.id)).toBe(true);
    const texts = () => shown(all<Label>(labels)).map((l) => l.text);
    expect(texts()).toEqual(['3', '1']); // the count, and one urgent
    expect(layer.setView(22, cityView)).toBe(false); // the same clusters: nothing redone
    expect(layer.setView(22, ([lon, lat]) => cityView([lon + 0.01, lat]))).toBe(false); // panned a little: the same

    // A live event beside them joins the cluster; the same disc is reused.
    layer.upsert(event('d', 117.0015, 1), now);
    expect(layer.count).toBe(5);
    expect(discs.length).toBe(1);
    expect(discs.get(0)).toBe(disc);
    expect(texts()).toEqual(['4', '1']);
    // The urgent one closes: it leaves the cluster and the map.
    layer.upsert(event('a', 117, 3, { status: 'closed' }), now);
    expect(layer.count).toBe(4);
    expect(texts()).toEqual(['3']);
    expect(layer.clusters[0]!.ids).toEqual(['b', 'c', 'd']);

    // Street level: every open event is its own point, no cluster drawn.
    expect(layer.setView(0.5, cityView)).toBe(true);
    expect(layer.clusters).toEqual([]);
    expect(pointIds()).toEqual(['b', 'c', 'far', 'd']);
    expect(shown(all<PointPrimitive>(discs))).toEqual([]);
    expect(texts()).toEqual([]);

    layer.show = false;
    expect([points.show, root.show]).toEqual([false, false]);
    expect(h.renders()).toBeGreaterThan(3);
    layer.destroy();
    expect(h.primitives.length).toBe(0);
    expect(points.isDestroyed()).toBe(true);
    expect(root.isDestroyed()).toBe(true);
    layer.destroy();
    layer.upsert(event('e', 117, 1), now); // after destroy: harmless
  });
});
