// `node dist/scripts/prepare.js` (production) or `npm run prepare:data`: the dataset and the 3D Tiles
// the server needs, in DATA_DIR, made when missing or out of date. Then `node dist/server/main.js`.
import { loadConfig } from '../server/config';
import { prepareData } from './prepare/data';

try {
  await prepareData(loadConfig(), (line) => console.error(line));
} catch (err) {
  console.error(`prepare: ${(err as Error).message}`);
  process.exit(1);
}
