// The real reference geography (data/reference/, MIT-licensed sources named in its README):
// the county outline and the statistical codes and names of townships, communities and villages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LonLat } from '../../../server/domain/model';

export interface DivisionUnit {
  code: string;
  name: string;
  kind: 'community' | 'village';
}
export interface Township {
  code: string;
  name: string;
  units: DivisionUnit[];
}

export interface Reference {
  county: { code: string; name: string; geometry: { type: 'MultiPolygon'; coordinates: LonLat[][][] } };
  townships: Township[];
}

/**
 * 碧桂园社区 is named after a recent housing development and is newer than the 2022 seed article,
 * which counts 23 urban communities; the divisions list has 24, so this one is left out.
 */
export const EXCLUDED_COMMUNITY = {
  code: '340881003008',
  name: '碧桂园社区居民委员会',
  reason: 'newer than the 2022 article (named after a recent housing development)',
} as const;

/** The three urban subdistricts (城区街道) and the two towns of the smart-village pilot (数字乡村试点). */
export const SUBDISTRICT_CODES = ['340881003', '340881002', '340881001'] as const; // 龙眠, 文昌, 龙腾
export const PILOT_TOWN_CODES = ['340881103', '340881102'] as const; // 新渡镇, 范岗镇

export function loadReference(dir = 'data/reference'): Reference {
  const outline = JSON.parse(readFileSync(join(dir, 'tongcheng-county.geojson'), 'utf8')) as {
    features: { properties: { name: string; adcode: string }; geometry: { type: string; coordinates: LonLat[][][] } }[];
  };
  const feature = outline.features.find((f) => f.properties.adcode === '340881') ?? outline.features[0];
  if (feature?.geometry.type !== 'MultiPolygon')
    throw new Error(`${dir}/tongcheng-county.geojson: no MultiPolygon feature for 340881`);
  const divisions = JSON.parse(readFileSync(join(dir, 'tongcheng-divisions.json'), 'utf8')) as {
    county: { code: string; name: string };
    townships: Township[];
  };
  if (!Array.isArray(divisions.townships)) throw new Error(`${dir}/tongcheng-divisions.json: no townships`);
  return {
    county: {
      code: divisions.county.code,
      name: divisions.county.name,
      geometry: { type: 'MultiPolygon', coordinates: feature.geometry.coordinates },
    },
    townships: divisions.townships,
  };
}

export function township(reference: Reference, code: string): Township {
  const t = reference.townships.find((x) => x.code === code);
  if (!t) throw new Error(`reference divisions: no township ${code}`);
  return t;
}

/**
 * The unit's own name from its committee's, in one style (社区 in the city, 村 in the villages):
 * 三里居委会 → 三里社区, 文昌社区居民委员会 → 文昌社区, 月山村委会 → 月山村; a name already in that style stays.
 */
export function unitName(unit: DivisionUnit): string {
  const stem = unit.name
    .replace(/(社区)?(居民委员会|居委会)$/, '')
    .replace(/(村委会|村民委员会)$/, '')
    .replace(unit.kind === 'community' ? /社区$/ : /村$/, '');
  return unit.kind === 'community' ? `${stem}社区` : `${stem}村`;
}
