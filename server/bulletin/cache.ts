// Built bulletins kept per (month, format, data version): a PDF costs a second or more to make and the
// same bytes serve everyone who may read it (the bulletin does not depend on the reader). The version
// is DataVersions' key of every table the bulletin reads; a month not yet over also moves with the
// clock (its figures and the risk at "now"), so it is rebuilt at most once a minute. Concurrent
// requests for one being built wait for that build. A few are kept, the least recently used dropped.
import { createHash } from 'node:crypto';

export interface BuiltBulletin {
  bytes: Buffer;
  /** The entity's tag (http/conditional.ts): a hash of the bytes. */
  entity: string;
}

export class BulletinCache {
  private readonly entries = new Map<string, { version: string; built: Promise<BuiltBulletin | null> }>();

  constructor(private readonly maxEntries = 12) {}

  get(key: string, version: string, build: () => Promise<Buffer | null>): Promise<BuiltBulletin | null> {
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.version === version) {
      this.entries.set(key, hit);
      return hit.built;
    }
    const built = build().then((bytes) =>
      bytes ? { bytes, entity: createHash('sha256').update(bytes).digest('base64url').slice(0, 32) } : null,
    );
    const entry = { version, built };
    this.entries.set(key, entry);
    // A failed build is not kept.
    built.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return built;
  }
}
