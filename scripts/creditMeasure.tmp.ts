import { loadCreditRules } from '../server/config';
import { generateCity } from './generate/city';
import { creditHistoryOf, creditShape } from './generate/credit';

const scale = Number(process.argv[2] ?? 0.02);
const d = generateCity({ seed: 20220601, scale } as never);
const t0 = performance.now();
const h = creditHistoryOf(d, loadCreditRules());
const ms = performance.now() - t0;
const byRule: Record<string, number> = {};
for (const r of h.records) byRule[r.ruleCode] = (byRule[r.ruleCode] ?? 0) + 1;
const byState: Record<string, number> = {};
for (const r of h.records) byState[r.state] = (byState[r.state] ?? 0) + 1;
console.log(JSON.stringify({ scale, residents: d.residents.length, events: d.events.length, ms: Math.round(ms), ...creditShape(h), byRule, byState }));
