import type { AdminLevel, LonLat } from '@domain/model';
import { describe, expect, it } from 'vitest';
import type { GridFeature } from '../../api/twinApi';
import {
  closedRing,
  gridDrawingFrom,
  gridLevelStyles,
  gridLevels,
  legendRows,
  ringAreaAndCentroid,
} from './grids.model';

const square = (lon: number, lat: number, size: number): LonLat[] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

function feature(id: string, level: AdminLevel, geometry: GridFeature['geometry'], name = `name-${id}`): GridFeature {
  const area = level === 'city' ? null : level === 'town' || level === 'village' ? 'village' : 'urban';
  return { type: 'Feature', id, properties: { id, code: id, name, level, area, parentId: null, areaM2: 0 }, geometry };
}

const polygon = (...rings: LonLat[][]): GridFeature['geometry'] => ({ type: 'Polygon', coordinates: rings });

describe('gridDrawingFrom', () => {
  const cases: {
    title: string;
    features: GridFeature[];
    outlines: { key: string; level: AdminLevel; points: number }[];
    labels: { unitId: string; position?: LonLat }[];
    featureCount: number;
    skipped?: string[];
    bbox: [number, number, number, number] | null;
    /** Defaults to `bbox`. */
    focus?: [number, number, number, number];
  }[] = [
    {
      title: 'nothing in, nothing drawn',
      features: [],
      outlines: [],
      labels: [],
      featureCount: 0,
      bbox: null,
    },
    {
      title: 'a subdistrict polygon: one outline, a label at its centroid',
      features: [feature('s1', 'subdistrict', polygon(square(116.9, 31.0, 0.1)))],
      outlines: [{ key: 's1#0', level: 'subdistrict', points: 5 }],
      labels: [{ unitId: 's1', position: [116.95, 31.05] }],
      featureCount: 1,
      bbox: [116.9, 31.0, 117.0, 31.1],
    },
    {
      title: 'the city MultiPolygon: one outline per part, no label (the header names the city)',
      features: [
        feature('c', 'city', {
          type: 'MultiPolygon',
          coordinates: [[square(116.7, 30.7, 0.5)], [square(117.3, 31.3, 0.01)]],
        }),
      ],
      outlines: [
        { key: 'c#0', level: 'city', points: 5 },
        { key: 'c#1', level: 'city', points: 5 },
      ],
      labels: [],
      featureCount: 1,
      bbox: [116.7, 30.7, 117.31, 31.31],
    },
    {
      title: 'an unclosed ring is closed; a hole is an outline too; the label uses the outer ring',
      features: [
        feature('v1', 'village', polygon(square(117, 30.8, 0.02).slice(0, 4), square(117.005, 30.805, 0.005))),
      ],
      outlines: [
        { key: 'v1#0', level: 'village', points: 5 },
        { key: 'v1#1', level: 'village', points: 5 },
      ],
      labels: [{ unitId: 'v1', position: [117.01, 30.81] }],
      featureCount: 1,
      bbox: [117, 30.8, 117.02, 30.82],
    },
    {
      title: 'a feature repeated across two requests is drawn once',
      features: [
        feature('g1', 'grid', polygon(square(117, 31, 0.01))),
        feature('g1', 'grid', polygon(square(117, 31, 0.01))),
      ],
      outlines: [{ key: 'g1#0', level: 'grid', points: 5 }],
      labels: [{ unitId: 'g1' }],
      featureCount: 1,
      bbox: [117, 31, 117.01, 31.01],
    },
    {
      title: 'degenerate rings and unknown levels are skipped and reported, the rest drawn',
      features: [
        feature(
          'bad',
          'community',
          polygon([
            [117, 31],
            [117.1, 31],
            [117, 31],
          ]),
        ),
        feature('odd', 'province' as AdminLevel, polygon(square(117, 31, 0.01))),
        feature('ok', 'community', polygon(square(117, 31, 0.01))),
      ],
      outlines: [{ key: 'ok#0', level: 'community', points: 5 }],
      labels: [{ unitId: 'ok' }],
      featureCount: 1,
      skipped: ['bad', 'odd'],
      bbox: [117, 31, 117.01, 31.01],
    },
    {
      title: 'outlines come bottom level first whatever the input order',
      features: [
        feature('c', 'city', polygon(square(116.7, 30.7, 0.5))),
        feature('t', 'town', polygon(square(116.9, 30.8, 0.1))),
        feature('g', 'grid', polygon(square(116.95, 31.0, 0.01))),
        feature('cm', 'community', polygon(square(116.94, 31.0, 0.03))),
      ],
      outlines: [
        { key: 'g#0', level: 'grid', points: 5 },
        { key: 'cm#0', level: 'community', points: 5 },
        { key: 't#0', level: 'town', points: 5 },
        { key: 'c#0', level: 'city', points: 5 },
      ],
      labels: [{ unitId: 'g' }, { unitId: 'cm' }, { unitId: 't' }],
      featureCount: 4,
      bbox: [116.7, 30.7, 117.2, 31.2],
      focus: [116.9, 30.8, 117.0, 31.03],
    },
  ];

  for (const c of cases) {
    it(c.title, () => {
      const drawing = gridDrawingFrom(c.features);
      expect(drawing.outlines.map((o) => ({ key: o.key, level: o.level, points: o.ring.length }))).toEqual(c.outlines);
      expect(drawing.labels.map((l) => l.unitId)).toEqual(c.labels.map((l) => l.unitId));
      c.labels.forEach((expected, i) => {
        if (!expected.position) return;
        const [lon, lat] = drawing.labels[i]!.position;
        expect(lon).toBeCloseTo(expected.position[0], 9);
        expect(lat).toBeCloseTo(expected.position[1], 9);
      });
      expect(drawing.featureCount).toBe(c.featureCount);
      expect(drawing.skipped.map((s) => s.id)).toEqual(c.skipped ?? []);
      if (c.bbox === null) expect(drawing.bbox).toBeNull();
      else for (const [i, v] of drawing.bbox!.entries()) expect(v).toBeCloseTo(c.bbox![i]!, 9);
      const focus = c.focus ?? c.bbox;
      if (focus === null) expect(drawing.focus).toBeNull();
      else for (const [i, v] of drawing.focus!.entries()) expect(v).toBeCloseTo(focus[i]!, 9);
    });
  }
});

describe('closedRing and ringAreaAndCentroid', () => {
  const cases: { title: string; ring: unknown[]; closed: LonLat[] | null; area?: number; centroid?: LonLat }[] = [
    { title: 'closed square', ring: square(0, 0, 2), closed: square(0, 0, 2), area: 4, centroid: [1, 1] },
    {
      title: 'open triangle is closed',
      ring: [
        [0, 0],
        [3, 0],
        [0, 3],
      ],
      closed: [
        [0, 0],
        [3, 0],
        [0, 3],
        [0, 0],
      ],
      area: 4.5,
      centroid: [1, 1],
    },
    {
      title: 'clockwise ring has negative area',
      ring: [...square(0, 0, 1)].reverse(),
      closed: [...square(0, 0, 1)].reverse(),
      area: -1,
      centroid: [0.5, 0.5],
    },
    {
      title: 'two points are not a ring',
      ring: [
        [0, 0],
        [1, 1],
      ],
      closed: null,
    },
    {
      title: 'non-numeric points are dropped',
      ring: [[0, 0], ['x', 1], [1, 0], [1, 1], null],
      closed: [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
      area: 0.5,
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const closed = closedRing(c.ring);
      expect(closed).toEqual(c.closed);
      if (!closed) return;
      const { area, centroid } = ringAreaAndCentroid(closed);
      if (c.area !== undefined) expect(area).toBeCloseTo(c.area, 12);
      if (c.centroid) {
        expect(centroid[0]).toBeCloseTo(c.centroid[0], 12);
        expect(centroid[1]).toBeCloseTo(c.centroid[1], 12);
      }
    });
  }
});

describe('styles and legend', () => {
  it('gives every level its own colour and puts higher levels on top', () => {
    const colours = gridLevels.map((level) => gridLevelStyles[level].color);
    expect(new Set(colours).size).toBe(gridLevels.length);
    const heights = gridLevels.map((level) => gridLevelStyles[level].heightM);
    expect([...heights].sort((a, b) => a - b)).toEqual(heights);
  });

  it('lists the levels present, top level first, counting units (not rings)', () => {
    const drawing = gridDrawingFrom([
      feature('g1', 'grid', polygon(square(117, 31, 0.01))),
      feature('g2', 'grid', polygon(square(117.01, 31, 0.01), square(117.012, 31.002, 0.002))),
      feature('c', 'city', {
        type: 'MultiPolygon',
        coordinates: [[square(116.7, 30.7, 0.5)], [square(117.3, 31.3, 0.01)]],
      }),
    ]);
    expect(legendRows(drawing).map((row) => [row.style.level, row.count])).toEqual([
      ['city', 1],
      ['grid', 2],
    ]);
  });
});
