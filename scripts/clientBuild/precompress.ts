// Precompressed copies of the built client: beside every compressible file of at least 1 KiB, a
// `.br` (brotli, quality 11) and a `.gz` (gzip, level 9), written once at build time so the server
// only picks one by the request's Accept-Encoding (server/http/staticFiles.ts). A copy that would not
// be smaller than the file is not written. The work runs on libuv's pool, four files at a time.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Text-like files worth compressing; images and fonts in their own compressed formats are not. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|wasm|xml|txt|map|glsl|ktx2|ttf|otf|geojson|czml|gltf|glb)$/i;
export const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function compressibleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => statSync(f).size >= MIN_BYTES);
}

export async function precompressDir(dir: string, parallel = 4): Promise<PrecompressResult> {
  const files = compressibleFiles(dir);
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const raw = readFileSync(file);
      const [br, gzipped] = await Promise.all([
        brotli(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        }),
        gz(raw, { level: 9 }),
      ]);
      result.files++;
      result.bytes += raw.length;
      if (br.length < raw.length) {
        writeFileSync(`${file}.br`, br);
        result.brotliBytes += br.length;
      }
      if (gzipped.length < raw.length) {
        writeFileSync(`${file}.gz`, gzipped);
        result.gzipBytes += gzipped.length;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return result;
}
