// `npm run build:client [-- --out DIR]`: builds the client with Vite (production) and writes its
// brotli and gzip copies; prints what was compressed as JSON.
import { parseArgs } from 'node:util';
import { ensureClientBuilt } from './clientBuild';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/client' } } });
const started = Date.now();
const result = await ensureClientBuilt(values.out, true);
console.log(JSON.stringify({ outDir: values.out, seconds: (Date.now() - started) / 1000, precompressed: result }));
