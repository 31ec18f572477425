import * as turf from '@turf/turf';
import { Rng } from './scripts/generate/random';
import { generateGeography, loadReference } from './scripts/generate/geography';
const t0=performance.now();
const ref = loadReference();
const g = generateGeography(new Rng(20220601).fork('geography'), ref);
console.log('ms', performance.now()-t0);
const by: Record<string, {n:number, km2:number}> = {};
for (const u of g.landUse) { const b = by[u.kind] ??= {n:0,km2:0}; b.n++; b.km2 += u.areaM2/1e6; }
console.log(by, 'county km2', turf.area(ref.county.geometry)/1e6, g.landUse.filter(u=>u.name).map(u=>u.name));
