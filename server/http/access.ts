// Which routes need what: every API route is listed here, and a route that is not listed cannot be
// reached (default deny). The guard resolves the session, then checks the route's permission.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE, sessionLifetimeMs } from '../auth/policy';
import { NO_SECOND_FACTOR, totpRequired } from '../auth/secondFactor';
import { SessionMemo } from '../auth/sessionMemo';
import { hashToken } from '../auth/tokens';
import { can, type Permission } from '../domain/access';
import { CASE_ACTION_PERMISSIONS } from '../domain/workflow/permissions';
import { extendSession } from '../store/sessions';
import type { AppEnv } from './context';
import type { Deps } from './deps';
import { errorJson } from './errors';

/** A route's rule: public, any signed-in user, one permission, or any one of several. */
export type Access = 'public' | 'signed-in' | Permission | { anyOf: readonly Permission[] };

/**
 * Method and path (relative to /api, Hono's `:param` syntax; a trailing `/*` for a file tree such as
 * 3D Tiles, which the OpenAPI document does not list) → what it takes.
 */
export const ACCESS: Readonly<Record<string, Access>> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /openapi.json': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'signed-in',
  'GET /auth/me': 'public', // answers null when nobody is signed in
  'GET /overview': 'overview',
  'GET /layers/grids': 'map',
  'GET /layers/components': 'map',
  'GET /layers/cameras': 'map',
  'GET /layers/patrol-points': 'map',
  'GET /layers/sensors': 'map',
  'GET /layers/buildings': 'map',
  'GET /layers/roads': 'map',
  'GET /layers/rivers': 'map',
  'GET /layers/viewpoints': 'map',
  'GET /layers/waters': 'map',
  'GET /layers/land-use': 'map',
  'GET /layers/elevation': 'map',
  'GET /grids/:id': 'units',
  'GET /search': 'map', // non-personal records only
  // big-screen statistics: city-wide aggregates of cases, no single case
  'GET /stats/events/daily': 'overview',
  'GET /stats/events/by-category': 'overview',
  'GET /stats/departments/ranking': 'overview',
  // trends, forecasts and anomalies of any unit: aggregates of the cases in the reader's scope (as GET /events)
  'GET /stats/events/trend': 'cases',
  'GET /stats/events/forecast': 'cases',
  'GET /stats/events/anomalies': 'cases',
  // the analyst's workspace: the case heat per H3 cell over any span, and exports of its aggregates (audited)
  'GET /stats/events/h3': 'analysis',
  'GET /analytics/export': 'analysis',
  'GET /residents': 'residents',
  'GET /residents/export.csv': 'export',
  'GET /residents/:id': 'residents',
  'POST /residents/:id/unmask': 'unmask',
  'GET /events': 'cases',
  'GET /events/:id': 'cases',
  // the case workflow: reporting, and every action on a case (each action checks its own permission)
  'POST /events': 'report',
  'POST /events/:id/actions': { anyOf: CASE_ACTION_PERMISSIONS },
  // photos: uploaded by whoever reports or handles (the report's, the feedback's); served to readers of a case naming one
  'POST /photos': { anyOf: ['report', 'handle', 'verify'] },
  'GET /photos/:id': 'cases',
  // assessment (考核): city-wide for the centre, leaders and analysts; a community's or subdistrict's own
  // subtree, a department's own row (the route narrows by scope)
  'GET /assessment': 'assessment',
  'GET /audit': 'audit',
  'GET /audit/verify': 'audit',
  'GET /users': 'users',
  'POST /users': 'users',
  'PATCH /users/:id': 'users',
  'POST /users/:id/disable': 'users',
  'POST /users/:id/enable': 'users',
  'POST /users/:id/reset-password': 'users',
  'POST /users/:id/reset-totp': 'users',
  'POST /users/import': 'users',
  'POST /auth/password': 'signed-in',
  // a second factor (TOTP) of one's own: set up, confirm, turn off
  'POST /auth/totp/setup': 'signed-in',
  'POST /auth/totp/confirm': 'signed-in',
  'POST /auth/totp/disable': 'signed-in',
  // live sensing: sensor data is map data; acknowledging an alarm is case work (the centre, handlers); rejected payloads are for admins
  'GET /sensors/state': 'map',
  'GET /sensors/:id': 'map',
  'GET /sensors/:id/series': 'map',
  'GET /alarms': 'map',
  'GET /alarms/:id': 'map',
  'POST /alarms/:id/acknowledge': { anyOf: ['dispatch', 'handle'] }, // the centre seat, or whoever handles cases
  'GET /cameras/covering': 'map',
  'GET /ingest/stats': 'overview',
  'GET /ingest/rejects': 'audit',
  'GET /live': 'map',
  // the 3D city: its tiles and the card of a picked building (counts only)
  'GET /tiles/*': 'map',
  // the ground under it: raster tiles of land use, water and roads; the terrain's heightmap tiles
  'GET /ground/*': 'map',
  'GET /terrain/*': 'map',
  'GET /buildings/:id': 'map',
  // risk scores of areas (aggregates, no person): the centre, leaders, analysts, the big screen; a
  // geographic role within its own unit (the route narrows)
  'GET /risk': 'risk',
  // the leader scheduling day (市级领导调度日): read by the centre, leaders, analysts and the big screen
  // (the kiosk's view masked: no user ids, no staff names, phone numbers masked); the agenda is the
  // centre's (dispatch), the instruction (批示) a leader's alone
  'GET /leader-days': 'leaderDay',
  'GET /leader-days/:month': 'leaderDay',
  'POST /leader-days/:month/cases': 'dispatch',
  'POST /leader-days/:month/instructions': 'instruct',
  // the monthly supervision bulletin 《e家综合》: city-wide rankings and cases, for the centre, leaders and
  // analysts (not the kiosk, not a unit's own staff: it ranks every unit)
  'GET /bulletins': 'bulletin',
  'GET /bulletins/:month': 'bulletin',
  // resident credit points (信用积分): records and archives for the grid worker, community and subdistrict
  // within their unit (each action checks its own roles: docs/credit-api.md); the catalogue for them and
  // for those who read the aggregates (analysts, the centre, leaders; no resident in them); the kiosk and
  // departments neither (the kiosk sees the aggregate in GET /grids/:id)
  'GET /credit/rules': { anyOf: ['credit', 'creditStats'] },
  'GET /credit/records': 'credit',
  'GET /credit/records/:id': 'credit',
  'POST /credit/records': 'credit',
  'POST /credit/records/:id/actions': 'credit',
  'GET /residents/:id/credit': 'credit',
  'GET /credit/stats': 'creditStats',
};

interface Rule {
  method: string;
  path: string;
  pattern: RegExp;
  access: Access;
  exact: boolean;
}

const RULES: Rule[] = Object.entries(ACCESS)
  .map(([key, access]) => {
    const [method, path] = key.split(' ') as [string, string];
    const exact = !path.includes(':') && !path.endsWith('/*');
    const escaped = path
      .replace(/\/\*$/, '')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:[a-zA-Z]+/g, '[^/]+');
    const pattern = new RegExp(`^${escaped}${path.endsWith('/*') ? '/.+' : ''}$`);
    return { method, path, pattern, access, exact };
  })
  // Literal paths first, so /residents/export.csv is not taken for /residents/:id.
  .sort((a, b) => Number(b.exact) - Number(a.exact));

/**
 * Sessions that must do one thing before anything else, what each may call until then, and the 403
 * every other route answers (its code is the restriction's name).
 */
const RESTRICTIONS = {
  password_change_required: {
    allows: new Set(['POST /auth/password', 'GET /auth/me', 'POST /auth/logout']),
    message: 'Choose your own password first (POST /api/auth/password); the one-time password allows nothing else.',
  },
  totp_enrolment_required: {
    allows: new Set(['POST /auth/totp/setup', 'POST /auth/totp/confirm', 'GET /auth/me', 'POST /auth/logout']),
    message:
      'Your role must sign in with a second factor: set one up first (POST /api/auth/totp/setup, then /api/auth/totp/confirm).',
  },
} as const;
export type SessionRestriction = keyof typeof RESTRICTIONS;

/** The one thing a session must do first, if any: its own password, then (where the role needs one) a second factor. */
export function restrictionOf(s: {
  mustChangePassword: boolean;
  totpRequired: boolean;
  totpEnabled: boolean;
}): SessionRestriction | null {
  if (s.mustChangePassword) return 'password_change_required';
  if (s.totpRequired && !s.totpEnabled) return 'totp_enrolment_required';
  return null;
}

/** The rules without parameters, by `METHOD /path`: most requests are found here without a pattern tried. */
const EXACT = new Map(RULES.filter((r) => r.exact).map((r) => [`${r.method} ${r.path}`, r]));
const PATTERNED = RULES.filter((r) => !r.exact);

/**
 * Paths with parameters found before (`GET /layers/components`): a request's rule is looked up twice
 * (the guard, the access log), and a wall of screens asks for the same few paths thousands of times
 * a second, each of which would try the patterns in turn. Ids make these paths unbounded, so the memo
 * starts again when full.
 */
const FOUND = new Map<string, Rule | undefined>();
const FOUND_MAX = 4096;

function ruleFor(method: string, apiPath: string): Rule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const key = `${m} ${apiPath}`;
  const exact = EXACT.get(key);
  if (exact) return exact;
  if (FOUND.has(key)) return FOUND.get(key);
  const rule = PATTERNED.find((r) => r.method === m && r.pattern.test(apiPath));
  if (FOUND.size >= FOUND_MAX) FOUND.clear();
  FOUND.set(key, rule);
  return rule;
}

export function accessFor(method: string, apiPath: string): Access | undefined {
  return ruleFor(method, apiPath)?.access;
}

/**
 * A request's route for logs and metrics: the access table's pattern (`/api/residents/:id`), so ids
 * never become labels; `static` for the client's files, `unmatched` for an unknown API path.
 */
export function routeOf(method: string, path: string): string {
  if (path === '/metrics') return path;
  if (!path.startsWith('/api/')) return 'static';
  const rule = ruleFor(method, path.slice('/api'.length));
  return rule ? `/api${rule.path}` : 'unmatched';
}

const TOKENS_HELD = 4096;

/**
 * The session token of a request's Cookie header, remembered per header (at most TOKENS_HELD): a
 * browser sends the same header with every request, so it is parsed once (the parse was about 4 % of
 * a 304's time on the event loop).
 */
function sessionTokens(): (c: Context) => string | null {
  const tokenOf = new Map<string, string | null>();
  return (c) => {
    const cookies = c.req.header('cookie');
    if (!cookies) return null;
    let token = tokenOf.get(cookies);
    if (token === undefined) {
      token = getCookie(c, SESSION_COOKIE) ?? null;
      if (tokenOf.size >= TOKENS_HELD) tokenOf.clear();
      tokenOf.set(cookies, token);
    }
    return token;
  };
}

/** Resolves the session cookie to a principal and enforces the route's rule. Mounted on /api/*. */
export function guard({ db, now, secondFactor = NO_SECOND_FACTOR }: Deps): MiddlewareHandler<AppEnv> {
  const sessions = new SessionMemo(db);
  const sessionTokenOf = sessionTokens();
  return async (c, next) => {
    const apiPath = c.req.path.slice('/api'.length) || '/';
    const access = accessFor(c.req.method, apiPath);
    if (!access) return errorJson(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`);

    const token = sessionTokenOf(c);
    let principal = null;
    let mustChangePassword = false;
    let totpEnabled = false;
    if (token && /^[A-Za-z0-9_-]{20,100}$/.test(token)) {
      const at = now();
      const user = await sessions.find(token, at);
      if (user) {
        const {
          passwordHash: _h,
          failedAttempts: _f,
          lockedUntil: _l,
          disabled: _d,
          mustChangePassword: mustChange,
          totpEnabled: totp,
          expiresAt,
          ...p
        } = user;
        principal = p;
        mustChangePassword = mustChange;
        totpEnabled = totp;
        // Sliding expiry, written at most once per half lifetime.
        const lifetime = sessionLifetimeMs(p.role);
        if (new Date(expiresAt).getTime() - Date.parse(at) < lifetime / 2) {
          await extendSession(db, hashToken(token), new Date(Date.parse(at) + lifetime).toISOString());
        }
      }
    }
    c.set('principal', principal);
    c.set('sessionToken', principal ? token : null);
    c.set('mustChangePassword', mustChangePassword);
    c.set('totpEnabled', totpEnabled);

    if (access === 'public') return next();
    if (!principal) return errorJson(c, 401, 'unauthenticated', 'Sign in first (POST /api/auth/login).');
    const restriction = restrictionOf({
      mustChangePassword,
      totpRequired: totpRequired(secondFactor, principal.role),
      totpEnabled,
    });
    if (restriction && !RESTRICTIONS[restriction].allows.has(`${c.req.method} ${apiPath}`))
      return errorJson(c, 403, restriction, RESTRICTIONS[restriction].message);
    if (access === 'signed-in') return next();
    const needs = typeof access === 'string' ? [access] : access.anyOf;
    if (!needs.some((p) => can(principal, p))) {
      return errorJson(
        c,
        403,
        'forbidden',
        `The role ${principal.role} may not do this (needs ${needs.join(' or ')}).`,
      );
    }
    return next();
  };
}
