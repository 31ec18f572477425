// Sign-in, sign-out and "who am I".
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { changeOwnPassword } from '../auth/accounts';
import { ADDRESS_LIMIT, SESSION_COOKIE } from '../auth/policy';
import { RateLimiter } from '../auth/rateLimit';
import { signIn, signOut } from '../auth/signIn';
import { type Principal, ROLE_PERMISSIONS, ROLES } from '../domain/access';
import { clientOf } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, validationHook } from '../http/errors';
import { json } from './schemas';

export const PrincipalSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    unitId: z.string().nullable(),
    unitPath: z.string().nullable(),
    departmentId: z.string().nullable(),
    permissions: z.array(z.string()),
  })
  .openapi('Principal');

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in; sets an httpOnly, SameSite=Strict session cookie',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
            .strict()
            .openapi('Credentials'),
        },
      },
    },
  },
  responses: {
    200: json(
      z.object({
        user: PrincipalSchema,
        expiresAt: z.string(),
        mustChangePassword: z
          .boolean()
          .openapi({ description: 'Signed in with a one-time password: only POST /auth/password is open until then' }),
      }),
      'Signed in',
    ),
    401: errorResponse('Wrong username or password'),
    429: errorResponse('Too many attempts, or the account is locked for a while'),
    ...errorResponses,
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Sign out (ends the session)',
  responses: {
    200: json(z.object({ ok: z.literal(true) }), 'Signed out'),
    401: errorResponse('Not signed in'),
    ...errorResponses,
  },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user, role, scope and permissions; null when nobody is signed in',
  responses: {
    200: json(
      z.object({ user: PrincipalSchema.nullable(), mustChangePassword: z.boolean().optional() }),
      'The user (and whether they must still change a one-time password), or null',
    ),
    ...errorResponses,
  },
});

const password = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change your own password (the current one, then a new one that meets the policy); ends your other sessions',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(1024) })
            .strict()
            .openapi('PasswordChange'),
        },
      },
    },
  },
  responses: {
    200: json(z.object({ ok: z.literal(true) }), 'Changed'),
    401: errorResponse('Not signed in'),
    ...errorResponses,
  },
});

const withPermissions = (p: Principal) => ({ ...p, permissions: [...ROLE_PERMISSIONS[p.role]] });

export function authRoutes({ db, now }: Deps) {
  const perAddress = new RateLimiter(ADDRESS_LIMIT.attempts, ADDRESS_LIMIT.windowMs);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(login, async (c) => {
      const client = clientOf(c);
      const at = new Date(now());
      const address = client.ip ?? 'local';
      const waitMs = perAddress.waitMs(address, at.getTime());
      if (waitMs > 0) {
        c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
        throw new ApiError(
          429,
          'rate_limited',
          `Too many sign-in attempts from this address; try again in ${Math.ceil(waitMs / 60_000)} min.`,
        );
      }
      const { username, password } = c.req.valid('json');
      const result = await signIn(db, username, password, client, at);
      if (!result.ok) {
        // Only failures count: a command centre signs many seats in from one address.
        perAddress.hit(address, at.getTime());
        if (result.reason === 'locked') {
          c.header('Retry-After', String(Math.max(1, Math.ceil((Date.parse(result.until) - at.getTime()) / 1000))));
          throw new ApiError(429, 'locked', `Too many wrong passwords: this account is locked until ${result.until}.`);
        }
        throw new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
      }
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: new URL(c.req.url).protocol === 'https:' || process.env.COOKIE_SECURE === '1',
        path: '/',
        expires: new Date(result.expiresAt),
      });
      return c.json(
        {
          user: withPermissions(result.principal),
          expiresAt: result.expiresAt,
          mustChangePassword: result.mustChangePassword,
        },
        200,
      );
    })
    .openapi(logout, async (c) => {
      const principal = c.get('principal')!;
      await signOut(db, c.get('sessionToken')!, principal, clientOf(c), new Date(now()));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(me, (c) => {
      const principal = c.get('principal');
      return c.json(
        principal
          ? { user: withPermissions(principal), mustChangePassword: c.get('mustChangePassword') }
          : { user: null },
        200,
      );
    })
    .openapi(password, async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      await changeOwnPassword(
        db,
        { principal: c.get('principal')!, client: clientOf(c), now: new Date(now()).toISOString() },
        c.get('sessionToken')!,
        currentPassword,
        newPassword,
      );
      return c.json({ ok: true as const }, 200);
    });
}
