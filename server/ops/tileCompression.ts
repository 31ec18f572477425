// Precompresses the 3D Tiles in the background after start: the GLB content is most of what a
// screen downloads, and brotli at quality 11 makes it about a third smaller than the gzip the server
// would make on the fly — but costs tens of seconds of CPU for a whole city, too long to hold up
// `npm start`. One file at a time (one core), so serving keeps the other; until a tile's copies are
// written it goes out gzipped on the fly as before. Tiles rebuilt later get new files, whose copies
// are then older than them and ignored (precompressed.ts) until this runs again at the next start.
import { type Dirent, readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Encode, freshCopies, writeCompressedCopies } from '../http/precompressed';
import { brotliInBackground, gzipInBackground } from './backgroundCompression';

/** The copies made on the background thread, below everything a person waits for. */
const encodeInBackground: Encode = async (raw, text) => [
  await brotliInBackground(raw, 11, text),
  await gzipInBackground(raw, 9),
];

const TILE_FILE = /\.(?:glb|json)$/;
const MIN_BYTES = 1024;

export interface TileCompressionResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  ms: number;
}

export interface TileCompression {
  /** Settles when every tile has fresh copies (or the job was stopped or failed). */
  done: Promise<TileCompressionResult | null>;
  stop(): void;
}

function tilesNeedingCopies(tilesDir: string): { file: string; stat: Stats }[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(tilesDir, { withFileTypes: true, recursive: true });
  } catch {
    return []; // no tiles built: nothing to do
  }
  return entries
    .filter((e) => e.isFile() && TILE_FILE.test(e.name))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file, stat: statSync(file) };
    })
    .filter(({ file, stat }) => stat.size >= MIN_BYTES && freshCopies(file, stat).length < 2);
}

export function startTileCompression(
  tilesDir: string,
  log: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void },
): TileCompression {
  let stopped = false;
  const run = async (): Promise<TileCompressionResult | null> => {
    const started = Date.now();
    const todo = tilesNeedingCopies(tilesDir);
    if (todo.length === 0) return null;
    log.info({ files: todo.length }, 'precompressing the 3D Tiles in the background (brotli, gzip)');
    const result: TileCompressionResult = { files: 0, bytes: 0, brotliBytes: 0, ms: 0 };
    for (const { file, stat } of todo) {
      if (stopped) return null;
      let raw: Buffer;
      try {
        raw = readFileSync(file);
      } catch {
        continue; // the tileset was rebuilt meanwhile
      }
      const sizes = await writeCompressedCopies(file, raw, file.endsWith('.json'), encodeInBackground);
      // A tile replaced while it was compressed keeps its stale copies out of use by their age.
      if (statSync(file, { throwIfNoEntry: false })?.mtimeMs !== stat.mtimeMs) continue;
      result.files++;
      result.bytes += sizes.bytes;
      result.brotliBytes += sizes.br ?? sizes.bytes;
    }
    result.ms = Date.now() - started;
    log.info(result, 'the 3D Tiles are precompressed');
    return result;
  };
  const done = run().catch((err: Error) => {
    log.warn({ err: err.message }, 'precompressing the 3D Tiles failed: they are gzipped on the fly');
    return null;
  });
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
