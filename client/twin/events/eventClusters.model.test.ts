import type { LonLat } from '@domain/model';
import { describe, expect, it } from 'vitest';
import {
  clusterEvents,
  clusterSizePx,
  clusterStyle,
  type EventMark,
  type Projection,
  paddedBbox,
  showsEveryEvent,
} from './eventClusters.model';

// Positions in metres east and north of a point in the city (the model's own local scale, so distances are exact enough).
const mLat = 111_320;
const mLon = mLat * Math.cos((31 * Math.PI) / 180);
const at = (dxM: number, dyM: number): LonLat => [116.95 + dxM / mLon, 31 + dyM / mLat];
const mark = (id: string, dxM: number, dyM = 0, o: Partial<EventMark> = {}): EventMark => ({
  id,
  position: at(dxM, dyM),
  urgency: 1,
  overdue: false,
  ...o,
});
const shape = (c: ReturnType<typeof clusterEvents>) => ({ singles: c.singles, clusters: c.clusters.map((k) => k.ids) });

describe('clusterEvents', () => {
  const cases: {
    title: string;
    marks: EventMark[];
    radiusM: number;
    expected: { singles: string[]; clusters: string[][] };
  }[] = [
    { title: 'nothing', marks: [], radiusM: 500, expected: { singles: [], clusters: [] } },
    { title: 'one event is a single', marks: [mark('a', 0)], radiusM: 500, expected: { singles: ['a'], clusters: [] } },
    {
      title: 'no reach: every event is a single',
      marks: [mark('b', 0), mark('a', 0)],
      radiusM: 0,
      expected: { singles: ['a', 'b'], clusters: [] },
    },
    {
      title: 'two close events are one cluster',
      marks: [mark('a', 0), mark('b', 100)],
      radiusM: 500,
      expected: { singles: [], clusters: [['a', 'b']] },
    },
    {
      title: 'two far events stay apart',
      marks: [mark('a', 0), mark('b', 1000)],
      radiusM: 500,
      expected: { singles: ['a', 'b'], clusters: [] },
    },
    {
      title: 'a chain: the first event takes its neighbour, the third stays out of reach',
      marks: [mark('a', 0), mark('b', 400), mark('c', 800)],
      radiusM: 500,
      expected: { singles: ['c'], clusters: [['a', 'b']] },
    },
    {
      title: 'groups whose centres end up too close merge',
      marks: [mark('a', 0), mark('b', 600), mark('c', 300)], // a takes c (centre 150 m); b, alone at 600 m, is 450 m away
      radiusM: 500,
      expected: { singles: [], clusters: [['a', 'b', 'c']] },
    },
    {
      title: 'two dense places make two clusters',
      marks: [mark('a', 0), mark('b', 50), mark('c', 20, 30), mark('d', 3000), mark('e', 3040), mark('f', 6000)],
      radiusM: 500,
      expected: {
        singles: ['f'],
        clusters: [
          ['a', 'b', 'c'],
          ['d', 'e'],
        ],
      },
    },
  ];
  for (const c of cases) it(c.title, () => expect(shape(clusterEvents(c.marks, c.radiusM))).toEqual(c.expected));

  it('counts a cluster’s urgent and overdue members, its worst urgency, centre and extent', () => {
    const marks = [
      mark('a', 0, 0, { urgency: 3, overdue: true }),
      mark('b', 200, 0, { urgency: 2, overdue: true }),
      mark('c', 100, 300, { urgency: 3 }),
      mark('d', 5000, 0, { urgency: 2 }),
      mark('e', 5100, 0, { urgency: 1, overdue: true }),
    ];
    const { clusters, singles } = clusterEvents(marks, 500);
    expect(singles).toEqual([]);
    const [first, second] = clusters;
    expect({ count: first!.count, urgent: first!.urgent, overdue: first!.overdue, worst: first!.worst }).toEqual({
      count: 3,
      urgent: 2,
      overdue: 2,
      worst: 3,
    });
    expect({ count: second!.count, urgent: second!.urgent, overdue: second!.overdue, worst: second!.worst }).toEqual({
      count: 2,
      urgent: 0,
      overdue: 1,
      worst: 2,
    });
    const centre = at(100, 100);
    expect(first!.position[0]).toBeCloseTo(centre[0], 9);
    expect(first!.position[1]).toBeCloseTo(centre[1], 9);
    expect(first!.bbox).toEqual([at(0, 0)[0], at(0, 0)[1], at(200, 0)[0], at(100, 300)[1]]);
  });

  // A city's worth of events: dense in a core, sparse around it.
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  const city = Array.from({ length: 1200 }, (_, i) => {
    const core = i % 3 !== 0;
    const spread = core ? 3000 : 20_000;
    return mark(`E${String(i).padStart(5, '0')}`, (random() - 0.5) * spread, (random() - 0.5) * spread, {
      urgency: (((i % 7) % 3) + 1) as 1 | 2 | 3,
      overdue: i % 10 !== 0,
    });
  });

  it('keeps every event exactly once and no two marks closer than the reach', () => {
    for (const radiusM of [80, 300, 1200, 5000]) {
      const result = clusterEvents(city, radiusM);
      const ids = [...result.singles, ...result.clusters.flatMap((c) => c.ids)].sort();
      expect(ids).toEqual(city.map((m) => m.id));
      expect(result.clusters.reduce((n, c) => n + c.count, 0) + result.singles.length).toBe(city.length);
      const byId = new Map(city.map((m) => [m.id, m.position]));
      const centres = [...result.singles.map((id) => byId.get(id)!), ...result.clusters.map((c) => c.position)];
      let closest = Infinity;
      for (let i = 0; i < centres.length; i++)
        for (let j = i + 1; j < centres.length; j++) {
          const dx = (centres[i]![0] - centres[j]![0]) * mLon;
          const dy = (centres[i]![1] - centres[j]![1]) * mLat;
          closest = Math.min(closest, Math.hypot(dx, dy));
        }
      expect(closest).toBeGreaterThanOrEqual(radiusM * 0.999);
    }
  });

  it('gives fewer, larger clusters the farther the reach', () => {
    const marksShown = [80, 300, 1200, 5000].map((r) => {
      const c = clusterEvents(city, r);
      return c.singles.length + c.clusters.length;
    });
    expect(marksShown).toEqual([...marksShown].sort((a, b) => b - a));
    expect(marksShown[3]).toBeLessThan(40);
  });

  it('does not depend on the order events arrive in', () => {
    const shuffled = city.map((_, i) => city[(i * 389) % city.length]!); // 389 is prime to 1200: a permutation
    expect(new Set(shuffled).size).toBe(city.length);
    expect(shuffled[1]).not.toBe(city[1]);
    expect(clusterEvents(shuffled, 700)).toEqual(clusterEvents(city, 700));
  });
});

describe('clusterEvents on the screen', () => {
  // A camera looking north at a slant: 1 px per 10 m across, 1 px per 40 m toward the horizon; behind it (south of 30.99°) nothing.
  const slanted: Projection = ([lon, lat]) =>
    lat < 30.99 ? null : [((lon - 116.95) * mLon) / 10, -((lat - 31) * mLat) / 40];

  it('clusters what is close on screen, not on the ground', () => {
    const marks = [mark('a', 0, 0), mark('b', 0, 1500), mark('c', 600, 0)]; // b: 1.5 km north, 37.5 px up; c: 600 m east, 60 px right
    expect(shape(clusterEvents(marks, 50))).toEqual({ singles: ['a', 'b', 'c'], clusters: [] }); // on the ground, 50 m apart is needed
    expect(shape(clusterEvents(marks, 50, slanted))).toEqual({ singles: ['c'], clusters: [['a', 'b']] });
  });

  it('leaves events the projection cannot place as singles', () => {
    const marks = [mark('a', 0, 0), mark('b', 10, 0), mark('behind', 0, -2000), mark('behind2', 5, -2000)];
    expect(shape(clusterEvents(marks, 50, slanted))).toEqual({
      singles: ['behind', 'behind2'],
      clusters: [['a', 'b']],
    });
  });
});

describe('showsEveryEvent', () => {
  const cases: [number, boolean][] = [
    [0.3, true],
    [clusterStyle.individualBelowMPerPx - 0.01, true],
    [clusterStyle.individualBelowMPerPx, false],
    [22, false],
    [Number.NaN, true],
  ];
  for (const [mPerPx, every] of cases)
    it(`${mPerPx} m/px → ${every}`, () => expect(showsEveryEvent(mPerPx)).toBe(every));
});

describe('clusterSizePx', () => {
  it('grows with the count, within bounds', () => {
    const sizes = [2, 5, 10, 50, 200, 5000].map(clusterSizePx);
    expect(sizes[0]).toBe(clusterStyle.minSizePx);
    expect(sizes.at(-1)).toBe(clusterStyle.maxSizePx);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(sizes).size).toBeGreaterThan(3);
  });
  it('discs of neighbouring clusters never overlap', () =>
    expect(clusterStyle.maxSizePx).toBeLessThanOrEqual(clusterStyle.radiusPx));
});

describe('paddedBbox', () => {
  it('grows a tight box to the minimum size around its centre, and leaves a large one alone', () => {
    const [w, s, e, n] = paddedBbox([...at(0, 0), ...at(10, 10)], 1000);
    expect((e - w) * mLon).toBeCloseTo(1000, 0);
    expect((n - s) * mLat).toBeCloseTo(1000, 0);
    expect((w + e) / 2).toBeCloseTo(at(5, 5)[0], 9);
    const large: [number, number, number, number] = [...at(0, 0), ...at(3000, 2000)];
    expect(
      paddedBbox(large, 1000)
        .map((v, i) => v - large[i]!)
        .every((d) => Math.abs(d) < 1e-12),
    ).toBe(true);
  });
});
