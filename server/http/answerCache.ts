// Answers built once per version: a route's JSON is encoded, hashed and compressed (gzip and brotli,
// node:zlib) once per (answer, data version), and the bytes are held here until the version moves.
// Concurrent requests for an answer being built wait for that one build instead of starting their
// own (a wall of screens reloading at once builds the components layer once, not twenty times).
// Memory is bounded: least recently used answers go first once the held bytes pass `maxBytes`.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzipSync, gzip } from 'node:zlib';
import { brotliInBackground } from '../ops/backgroundCompression';
import type { Encoding } from './conditional';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Smaller answers go out as they are: compression would save less than its headers cost. */
const COMPRESS_FROM_BYTES = 1024;
/** Larger answers keep only their compressed forms; the rare client that takes neither gets a gunzip. */
const KEEP_IDENTITY_BELOW_BYTES = 256 * 1024;
/** Brotli quality at run time: near gzip's speed, a fifth smaller (quality 11 is for the build). */
const BROTLI_QUALITY = 5;
/**
 * Answers this big (the components layer: 8 MB of JSON at scale 1) are recompressed afterwards at
 * quality 11, in the background, one at a time: 40% fewer bytes to every screen (442 → 274 KB) for
 * ten-odd seconds of one core per data version. Until it lands the quality-5 bytes go out.
 */
export const RECOMPRESS_FROM_BYTES = 2 * 1024 * 1024;

export interface EncodedAnswer {
  /** Entity tag: a hash of the JSON, so equal answers have equal tags whatever rebuilt them. */
  entity: string;
  /** The data version it was built from (DataVersions.key of its tables). */
  version: string;
  builtAtMs: number;
  identity: Buffer | null;
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Bytes held. */
  size: number;
  /** Bytes of the JSON itself. */
  rawBytes: number;
}

export async function encodeAnswer(value: unknown, version: string, builtAtMs: number): Promise<EncodedAnswer> {
  const raw = Buffer.from(JSON.stringify(value));
  const entity = createHash('sha256').update(raw).digest('base64url').slice(0, 32);
  if (raw.length < COMPRESS_FROM_BYTES)
    return { entity, version, builtAtMs, identity: raw, encoded: {}, size: raw.length, rawBytes: raw.length };
  const [br, gzipped] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gz(raw),
  ]);
  const identity = raw.length < KEEP_IDENTITY_BELOW_BYTES ? raw : null;
  return {
    entity,
    version,
    builtAtMs,
    identity,
    encoded: { br, gzip: gzipped },
    size: br.length + gzipped.length + (identity?.length ?? 0),
    rawBytes: raw.length,
  };
}

/** The uncompressed bytes of an answer. */
export function identityOf(answer: EncodedAnswer): Buffer {
  return answer.identity ?? gunzipSync(answer.encoded.gzip!);
}

export interface AnswerCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  builds: number;
  evictions: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, EncodedAnswer>();
  private readonly building = new Map<string, Promise<EncodedAnswer>>();
  private bytes = 0;
  private hits = 0;
  private builds = 0;
  private evictions = 0;

  private recompressing: Promise<void> | null = null;
  private nextRecompression: { key: string; answer: EncodedAnswer } | null = null;

  /**
   * `maxBytes`: the most the cache holds (64 MiB by default: the city's layers take about 5);
   * `recompressFromBytes`: the JSON size from which brotli is redone at quality 11 in the background.
   */
  constructor(
    readonly maxBytes = 64 * 1024 * 1024,
    private readonly recompressFromBytes = RECOMPRESS_FROM_BYTES,
  ) {}

  /** Settles when no background recompression is running or queued (for tests). */
  async settled(): Promise<void> {
    while (this.recompressing) await this.recompressing;
  }

  /**
   * The answer under `key` at data version `version`, built by `build` when the held one is of another
   * version or older than `maxAgeMs`.
   */
  async get(
    key: string,
    version: string,
    build: () => Promise<unknown>,
    options: { maxAgeMs?: number; nowMs?: number } = {},
  ): Promise<EncodedAnswer> {
    const now = options.nowMs ?? Date.now();
    const held = this.entries.get(key);
    if (
      held &&
      held.version === version &&
      (options.maxAgeMs === undefined || now - held.builtAtMs < options.maxAgeMs)
    ) {
      this.hits++;
      // Most recently used last: Map keeps insertion order, so re-inserting moves it to the end.
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    const flight = `${key}\u0000${version}`;
    let pending = this.building.get(flight);
    if (!pending) {
      this.builds++;
      pending = build()
        .then((value) => encodeAnswer(value, version, now))
        .then((answer) => {
          this.put(key, answer);
          this.scheduleRecompression(key, answer);
          return answer;
        })
        .finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
    }
    return pending;
  }

  stats(): AnswerCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      builds: this.builds,
      evictions: this.evictions,
    };
  }

  /**
   * Queues a big answer for quality-11 brotli; only the latest queued one waits (an older version is
   * no longer worth it). The smaller bytes replace the held ones only if the answer is still the one
   * held: same entity, so its ETag stays (the decoded representation is the same JSON).
   */
  private scheduleRecompression(key: string, answer: EncodedAnswer): void {
    if (!answer.encoded.br || answer.rawBytes < this.recompressFromBytes || this.entries.get(key) !== answer) return;
    this.nextRecompression = { key, answer };
    if (this.recompressing) return;
    const loop = async () => {
      while (this.nextRecompression) {
        const job = this.nextRecompression;
        this.nextRecompression = null;
        if (this.entries.get(job.key) !== job.answer) continue; // replaced or evicted while it waited
        const json = identityOf(job.answer);
        // on the background thread, below everything a person waits for (ops/backgroundCompression.ts)
        const better = await brotliInBackground(json, 11, true).catch(() => null);
        const old = job.answer.encoded.br!;
        if (better && better.length < old.length && this.entries.get(job.key) === job.answer) {
          job.answer.encoded.br = better;
          job.answer.size -= old.length - better.length;
          this.bytes -= old.length - better.length;
        }
      }
    };
    this.recompressing = loop().finally(() => {
      this.recompressing = null;
    });
  }

  private put(key: string, answer: EncodedAnswer): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.size;
    }
    // An answer bigger than a quarter of the cache is sent but not held: it would push out the rest.
    if (answer.size > this.maxBytes / 4) return;
    this.entries.set(key, answer);
    this.bytes += answer.size;
    for (const [k, a] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= a.size;
      this.evictions++;
    }
  }
}
