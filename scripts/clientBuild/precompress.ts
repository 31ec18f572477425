// Precompressed copies of the built client: beside every compressible file of at least 1 KiB, a
// `.br` (brotli, quality 11) and a `.gz` (gzip, level 9), written once at build time so the server
// only picks one by the request's Accept-Encoding (server/http/clientFiles.ts; the copies are written by
// server/http/precompressed.ts). A copy that would not be smaller than the file is not written. The work runs on libuv's pool, four files at a time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeCompressedCopies } from '../../server/http/precompressed';

/** Text-like files worth compressing; images and fonts in their own compressed formats are not. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|wasm|xml|txt|map|glsl|ktx2|ttf|otf|geojson|czml|gltf|glb)$/i;
export const MIN_BYTES = 1024;

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/** Brotli's text mode suits the client's scripts and styles; binary formats get its generic mode. */
const isText = (file: string) => !/\.(?:glb|wasm|ktx2|ttf|otf)$/i.test(file);

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
      const sizes = await writeCompressedCopies(file, readFileSync(file), isText(file));
      result.files++;
      result.bytes += sizes.bytes;
      result.brotliBytes += sizes.br ?? 0;
      result.gzipBytes += sizes.gzip ?? 0;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return result;
}
