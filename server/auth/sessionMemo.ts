// Who holds a session, remembered between requests. The guard asks on every request; the answer is
// held per token hash while the tables it reads (sessions, users, user_totp) keep their version, so a
// request answered from a cache (a 304) touches no store at all. Any change to a session or those
// tables — a sign-out, an extension, a disabled account, a new role or scope, a reset, a second factor —
// moves their version and empties the memo at once. A new session alone does not (SESSIONS_CHANGED):
// it changes no session held here, and fifty staff signing in at 8:30 would otherwise empty it fifty
// times. An expired session is never answered from it; misses are not held.
// A browser opens a page with several requests at once: they share one lookup.
// It is keyed by the token itself, so a request answered from it costs no hash either (a SHA-256 a
// request was about 3 % of a 304's time on the event loop, --cpu-prof); the store only ever sees the hash. The process reads every
// token on every request anyway: holding the live ones a little longer reveals nothing new.
import type { Db } from '../store/db';
import { findSessionUser, SESSIONS_CHANGED } from '../store/sessions';
import { hashToken } from './tokens';

const TABLES = [SESSIONS_CHANGED, 'users', 'user_totp'] as const;

type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

export class SessionMemo {
  private version = '';
  private readonly held = new Map<string, SessionUser>();
  private readonly looking = new Map<string, Promise<SessionUser | undefined>>();

  constructor(
    private readonly db: Db,
    private readonly maxEntries = 10_000,
  ) {}

  /** The user of the session `token` names, while it lives. */
  async find(token: string, now: string): Promise<SessionUser | undefined> {
    const version = this.db.versions.key(TABLES);
    if (version !== this.version) {
      this.held.clear();
      this.version = version;
    }
    const hit = this.held.get(token);
    if (hit && Date.parse(hit.expiresAt) > Date.parse(now)) return hit;
    const flight = `${version}|${token}`;
    let lookup = this.looking.get(flight);
    if (!lookup) {
      lookup = this.lookUp(token, now, version).finally(() => this.looking.delete(flight));
      this.looking.set(flight, lookup);
    }
    return lookup;
  }

  private async lookUp(token: string, now: string, version: string): Promise<SessionUser | undefined> {
    const user = await findSessionUser(this.db, hashToken(token), now);
    // Held only if nothing was written meanwhile (else it may be from before that write).
    if (user && this.db.versions.key(TABLES) === version) {
      if (this.held.size >= this.maxEntries) this.held.delete(this.held.keys().next().value!);
      this.held.set(token, user);
    }
    return user;
  }
}
