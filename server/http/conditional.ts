// Conditional requests and content negotiation, shared by the cached answers, the client's files and
// the 3D Tiles. A representation's ETag is its entity's tag plus the encoding (`"abc"`, `"abc-br"`,
// `"abc-gz"`): strong, and different per encoding as RFC 9110 wants, while If-None-Match (a weak
// comparison) matches the entity in any encoding, so a client that switches encodings still gets 304.

export type Encoding = 'br' | 'gzip';

const SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz' };

/** The ETag of `entity` (an opaque token of [A-Za-z0-9_-]) in `encoding` (null: identity). */
export function representationTag(entity: string, encoding: Encoding | null): string {
  return `"${entity}${encoding ? SUFFIX[encoding] : ''}"`;
}

const entityOf = (tag: string) =>
  tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"|"$/g, '')
    .replace(/-(?:br|gz)$/, '');

/** True when the If-None-Match header names `entity` (in any encoding, weak or strong) or is `*`. */
export function notModified(ifNoneMatch: string | undefined, entity: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => entityOf(t) === entity);
}

/**
 * The best of `available` encodings the Accept-Encoding header allows (brotli before gzip at equal
 * weight), or null for identity. `q=0` refuses an encoding; `*` stands for those not named.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const enc of ['br', 'gzip'] as const) {
    if (!available.includes(enc)) continue;
    const q = weights.get(enc) ?? weights.get('*') ?? 0;
    if (q > bestQ) {
      best = enc;
      bestQ = q;
    }
  }
  return best;
}
