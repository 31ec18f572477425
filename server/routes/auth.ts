// Sign-in, sign-out and "who am I".
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { changeOwnPassword } from '../auth/accounts';
import { ADDRESS_LIMIT, SESSION_COOKIE } from '../auth/policy';
import { RateLimiter } from '../auth/rateLimit';
import { NO_SECOND_FACTOR, totpRequired } from '../auth/secondFactor';
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

/** Where the signed-in user stands with a second factor; the client offers enrolment from these. */
const SecondFactorState = {
  totpEnabled: z.boolean().openapi({ description: 'The user has a confirmed TOTP second factor' }),
  totpRequired: z.boolean().openapi({
    description:
      "The user's role must have one (TOTP_REQUIRED_ROLES): until it is enabled only the enrolment routes are open (403 totp_enrolment_required)",
  }),
};

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
            .object({
              username: z.string().min(1).max(64),
              password: z.string().min(1).max(256),
              totp: z
                .string()
                .regex(/^\d{6}$/, 'six digits')
                .optional()
                .openapi({ description: 'The code of the authenticator app, for an account with a second factor' }),
              recoveryCode: z
                .string()
                .min(1)
                .max(64)
                .optional()
                .openapi({ description: 'Instead of `totp`: one of the recovery codes (each works once)' }),
            })
            .strict()
            .refine((b) => b.totp === undefined || b.recoveryCode === undefined, {
              message: 'give totp or recoveryCode, not both',
              path: ['recoveryCode'],
            })
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
        ...SecondFactorState,
        recoveryCodesLeft: z
          .number()
          .int()
          .optional()
          .openapi({ description: 'Signed in with a recovery code: how many are left' }),
      }),
      'Signed in',
    ),
    401: errorResponse(
      'Wrong username or password (invalid_credentials); the account has a second factor and the code is missing (totp_required, no session yet: send it again with `totp` or `recoveryCode`) or wrong or used already (totp_invalid)',
    ),
    429: errorResponse('Too many attempts, or the account is locked for a while'),
    503: errorResponse('The second factor cannot be checked now (totp_unavailable): a recovery code still works'),
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
      z.object({
        user: PrincipalSchema.nullable(),
        mustChangePassword: z.boolean().optional(),
        totpEnabled: SecondFactorState.totpEnabled.optional(),
        totpRequired: SecondFactorState.totpRequired.optional(),
      }),
      'The user (whether they must still change a one-time password, and their second factor), or null',
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

export function authRoutes({ db, now, secondFactor = NO_SECOND_FACTOR }: Deps) {
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
      const { username, password, totp, recoveryCode } = c.req.valid('json');
      const result = await signIn(db, username, password, client, at, { totp, recoveryCode }, secondFactor);
      if (!result.ok) {
        if (result.reason === 'totp_required')
          throw new ApiError(
            401,
            'totp_required',
            'This account has a second factor: sign in again with the code of the authenticator app (totp) or a recovery code (recoveryCode).',
          );
        if (result.reason === 'totp_unavailable')
          throw new ApiError(
            503,
            'totp_unavailable',
            'The second factor cannot be checked now; a recovery code still works.',
          );
        // Only failures count: a command centre signs many seats in from one address.
        perAddress.hit(address, at.getTime());
        if (result.reason === 'totp_invalid')
          throw new ApiError(401, 'totp_invalid', 'Wrong or already used code; wait for the next one and try again.');
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
          totpEnabled: result.totpEnabled,
          totpRequired: totpRequired(secondFactor, result.principal.role),
          ...(result.recoveryCodesLeft !== undefined && { recoveryCodesLeft: result.recoveryCodesLeft }),
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
          ? {
              user: withPermissions(principal),
              mustChangePassword: c.get('mustChangePassword'),
              totpEnabled: c.get('totpEnabled'),
              totpRequired: totpRequired(secondFactor, principal.role),
            }
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
