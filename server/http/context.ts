// What a request carries through the middlewares to the handlers.
import type { Principal } from '../domain/access';
import type { Logger } from '../ops/logger';

export interface AppEnv {
  Variables: {
    /** The signed-in user; null on public routes when nobody is signed in. */
    principal: Principal | null;
    /** The raw session token from the cookie (for signing out). */
    sessionToken: string | null;
    /** The user signed in with a one-time password and must choose their own first. */
    mustChangePassword: boolean;
    /** The user has a confirmed TOTP second factor. */
    totpEnabled: boolean;
    /** The request's id (X-Request-Id), set by hono/request-id. */
    requestId: string;
    /** The log, with this request's id on every line. */
    log: Logger;
  };
}
