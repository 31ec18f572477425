// temporary: EXPLAIN ANALYZE of the assessment query
import { openDb } from '../../server/store/db';
import { parsePeriod, previousYear } from '../../server/domain/assessment';
import { assessmentCountsOf } from '../../server/store/assessment';
const db = await openDb(process.argv[2]!, { readOnly: true });
const level = (process.argv[3] ?? 'subdistrict') as any;
const y = parsePeriod(process.argv[4] ?? '2025')!;
const periods = y.kind === 'year' ? [y, previousYear(y)] : [y];
const orig = db.all.bind(db);
let captured = '';
let params: any[] = [];
(db as any).all = async (sql: string, p: any[]) => { captured = sql; params = p; return orig(sql, p); };
const ts: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 9; i++) { const c = process.cpuUsage(); const t = performance.now(); await assessmentCountsOf(db, level, periods); ts.push(performance.now() - t); const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000); }
cpu.sort((a, b) => a - b); console.log('cpu ms min', cpu[0]!.toFixed(0), 'med', cpu[4]!.toFixed(0));
ts.sort((a, b) => a - b); console.log(level, 'min', ts[0]!.toFixed(0), 'med', ts[4]!.toFixed(0), 'max', ts[8]!.toFixed(0));
(db as any).all = orig;
if (process.argv[5]) {
  const rows = await db.all<any>(`EXPLAIN (ANALYZE, FORMAT json) ${captured}`, params);
  const tree = JSON.parse(rows[0].explain_value);
  const walk = (n: any, d: number) => {
    const t = n.operator_timing ?? 0;
    if (t >= 0.003) console.log(`${'  '.repeat(d)}${n.operator_name ?? n.operator_type} ${(t * 1000).toFixed(0)}ms rows=${n.operator_cardinality} ${JSON.stringify(n.extra_info ?? {}).slice(0, 140)}`);
    for (const c of n.children ?? []) walk(c, d + 1);
  };
  console.log('latency', tree.latency ?? tree.timing);
  walk(tree, 0);
}
db.close();
