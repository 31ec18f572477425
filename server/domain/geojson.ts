// GeoJSON (RFC 7946) shapes the layer routes return: WGS84, longitude first.
import type { LonLat } from './model';

export interface Geometry {
  type: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

export interface Feature<P = Record<string, unknown>> {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: P;
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

export function featureCollection<P>(features: Feature<P>[]): FeatureCollection<P> {
  return { type: 'FeatureCollection', features };
}

/** A point feature from a record with an `id` and a lon/lat `position`; the rest become properties. */
export function pointFeature<T extends { id: string; position: LonLat }>(record: T): Feature<Omit<T, 'position'>> {
  const { position, ...properties } = record;
  return { type: 'Feature', id: record.id, geometry: { type: 'Point', coordinates: position }, properties };
}
