// A second factor of one's own (TOTP): set it up (the seed and otpauth:// URI, answered once), confirm
// it with a code (the recovery codes, answered once), turn it off (password and code). An
// administrator's reset of someone else's is in users.ts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../auth/accounts';
import { beginEnrolment, confirmEnrolment, disableOwn, NO_SECOND_FACTOR } from '../auth/secondFactor';
import { clientOf } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorResponse, errorResponses, validationHook } from '../http/errors';
import { json } from './schemas';

const Code = z
  .string()
  .regex(/^\d{6}$/, 'six digits')
  .openapi({ description: 'The code the authenticator app shows now', example: '492039' });

const setup = createRoute({
  method: 'post',
  path: '/auth/totp/setup',
  tags: ['auth'],
  summary:
    'Start enrolling a second factor: a new TOTP seed, pending until confirmed (a new set-up replaces a pending one)',
  responses: {
    200: json(
      z
        .object({
          secret: z
            .string()
            .openapi({ description: 'The seed, base32, for typing in by hand; shown in this answer only' }),
          uri: z.string().openapi({ description: 'The otpauth:// URI for a QR code; shown in this answer only' }),
          issuer: z.string(),
          algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
          digits: z.number().int(),
          period: z.number().int().openapi({ description: 'Seconds per code' }),
        })
        .openapi('TotpSetup'),
      'The seed, for the authenticator app',
    ),
    401: errorResponse('Not signed in'),
    409: errorResponse('A second factor is enabled already (totp_already_enabled)'),
    503: errorResponse('No TOTP key on this server (totp_unavailable)'),
    ...errorResponses,
  },
});

const confirm = createRoute({
  method: 'post',
  path: '/auth/totp/confirm',
  tags: ['auth'],
  summary:
    'Confirm the pending seed with a current code; the second factor is on from now, and the recovery codes are answered once',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ code: Code }).strict().openapi('TotpConfirm') } },
    },
  },
  responses: {
    200: json(
      z
        .object({
          recoveryCodes: z.array(z.string()).openapi({
            description: 'Each signs in once instead of a code (XXXX-XXXX-XXXX-XXXX); shown in this answer only',
          }),
        })
        .openapi('TotpRecoveryCodes'),
      'Enabled',
    ),
    401: errorResponse('Not signed in'),
    409: errorResponse('Nothing pending (totp_not_set_up), or enabled already (totp_already_enabled)'),
    503: errorResponse('No TOTP key on this server (totp_unavailable)'),
    ...errorResponses,
  },
});

const disable = createRoute({
  method: 'post',
  path: '/auth/totp/disable',
  tags: ['auth'],
  summary:
    'Turn your second factor off: your password and a code (or a recovery code); a wrong one counts towards the lock-out',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              currentPassword: z.string().min(1).max(256),
              totp: Code.optional(),
              recoveryCode: z.string().min(1).max(64).optional(),
            })
            .strict()
            .refine((b) => (b.totp === undefined) !== (b.recoveryCode === undefined), {
              message: 'give totp or recoveryCode (one of them)',
              path: ['totp'],
            })
            .openapi('TotpDisable'),
        },
      },
    },
  },
  responses: {
    200: json(z.object({ ok: z.literal(true) }), 'Off'),
    401: errorResponse('Not signed in'),
    409: errorResponse('Your role must have one (totp_mandatory), or you have none (totp_not_enabled)'),
    429: errorResponse('The account is locked for a while after wrong attempts (locked)'),
    503: errorResponse('The code cannot be checked now (totp_unavailable): use a recovery code'),
    ...errorResponses,
  },
});

export function totpRoutes({ db, now, secondFactor = NO_SECOND_FACTOR }: Deps) {
  const actor = (c: Context<AppEnv>): Actor => ({
    principal: c.get('principal')!,
    client: clientOf(c),
    now: new Date(now()).toISOString(),
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(setup, async (c) => c.json(await beginEnrolment(db, secondFactor, actor(c)), 200))
    .openapi(confirm, async (c) =>
      c.json(await confirmEnrolment(db, secondFactor, actor(c), c.req.valid('json').code), 200),
    )
    .openapi(disable, async (c) => {
      const { currentPassword, totp, recoveryCode } = c.req.valid('json');
      await disableOwn(db, secondFactor, actor(c), currentPassword, { totp, recoveryCode });
      return c.json({ ok: true as const }, 200);
    });
}
