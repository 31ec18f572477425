// Which road names the twin writes on the ground, and where: each named main road (expressway,
// national, provincial, railway, urban arterial) once, at the middle of its longest stretch; the county's
// through roads readable from the whole-county view, the city's arterials only closer in.
import { NAMED_ROAD_KINDS } from '@domain/ground/style';
import type { LonLat, RoadKind } from '@domain/model';

export interface RoadLine {
  name: string;
  kind: RoadKind;
  line: LonLat[];
}

export interface RoadLabelSpec {
  text: string;
  kind: RoadKind;
  position: LonLat;
  /** Shown while the camera is nearer than this (metres). */
  maxDistanceM: number;
}

const MAX_DISTANCE_M: Partial<Record<RoadKind, number>> = {
  expressway: 160_000,
  national: 160_000,
  provincial: 120_000,
  railway: 160_000,
  arterial: 14_000,
};

const metres = (a: LonLat, b: LonLat) =>
  Math.hypot((b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (b[1] - a[1]) * 110_574);

function lengthOf(line: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) sum += metres(line[i - 1]!, line[i]!);
  return sum;
}

/** The point halfway along a line. */
export function midpoint(line: readonly LonLat[]): LonLat {
  const half = lengthOf(line) / 2;
  let run = 0;
  for (let i = 1; i < line.length; i++) {
    const d = metres(line[i - 1]!, line[i]!);
    if (run + d >= half && d > 0) {
      const t = (half - run) / d;
      const [a, b] = [line[i - 1]!, line[i]!];
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    run += d;
  }
  return line[0]!;
}

export function roadLabelSpecs(roads: readonly RoadLine[]): RoadLabelSpec[] {
  const longest = new Map<string, { road: RoadLine; length: number }>();
  for (const road of roads) {
    if (!road.name || !NAMED_ROAD_KINDS.includes(road.kind) || road.line.length < 2) continue;
    const length = lengthOf(road.line);
    const held = longest.get(road.name);
    if (!held || length > held.length) longest.set(road.name, { road, length });
  }
  return [...longest.values()]
    .sort((a, b) => (a.road.name < b.road.name ? -1 : 1))
    .map(({ road }) => ({
      text: road.name,
      kind: road.kind,
      position: midpoint(road.line),
      maxDistanceM: MAX_DISTANCE_M[road.kind] ?? 10_000,
    }));
}
