// Precompressed copies of a file (`x.br`, brotli quality 11; `x.gz`, gzip level 9), written beside it
// and chosen by Accept-Encoding when served. Brotli at quality 11 is slow (seconds per megabyte) and
// 25–35% smaller than gzip, so it is paid once: at build time for the client, in the background after
// start for the 3D Tiles. A copy is written through a temporary name and renamed, so a reader never
// sees half of one; a copy older than its file is stale and never served.

import { randomBytes } from 'node:crypto';
import { renameSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './conditional';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export const COPY_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

export interface CopySizes {
  bytes: number;
  br: number | null;
  gzip: number | null;
}

/** Brotli (quality 11) and gzip (level 9) of a file's bytes. */
export type Encode = (raw: Buffer, text: boolean) => Promise<[br: Buffer, gzip: Buffer]>;

/** On libuv's thread pool, as fast as the machine allows: the build's way. */
export const encodeNow: Encode = (raw, text) =>
  Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      },
    }),
    gz(raw, { level: 9 }),
  ]);

/** Writes `file.br` and `file.gz` (each only if smaller than the file); `text` tunes brotli for text. */
export async function writeCompressedCopies(
  file: string,
  raw: Buffer,
  text: boolean,
  encode: Encode = encodeNow,
): Promise<CopySizes> {
  const [br, gzipped] = await encode(raw, text);
  const sizes: CopySizes = { bytes: raw.length, br: null, gzip: null };
  for (const [encoding, bytes] of [
    ['br', br],
    ['gzip', gzipped],
  ] as const) {
    if (bytes.length >= raw.length) continue;
    const target = file + COPY_SUFFIX[encoding];
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`; // two writers never share one
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
    sizes[encoding] = bytes.length;
  }
  return sizes;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The encodings with a copy of `file` at least as new as the file itself. */
export function freshCopies(file: string, fileStat: Stats): Encoding[] {
  return (['br', 'gzip'] as const).filter((encoding) => {
    const copy = statOrNull(file + COPY_SUFFIX[encoding]);
    return copy !== null && copy.mtimeMs >= fileStat.mtimeMs;
  });
}
