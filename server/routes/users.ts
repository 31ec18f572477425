// User accounts, for administrators: list, create, change role or scope, disable and enable, reset a
// password, import a CSV file. No password hash leaves the store; a one-time password is in the answer
// that made it, and nowhere else.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { parse } from 'csv-parse/sync';
import type { Context } from 'hono';
import {
  AccountError,
  type AccountInput,
  type Actor,
  changeAccount,
  createAccount,
  IMPORT_COLUMNS,
  importAccounts,
  resetPassword,
  setDisabled,
  viewOf,
} from '../auth/accounts';
import { resetSecondFactor } from '../auth/secondFactor';
import { clientOf } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorResponse, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { listUsers } from '../store/users';
import { PrincipalSchema } from './auth';
import { json } from './schemas';

// An account as the administrator sees it: who it is (as the principal says), and its state.
const UserSchema = PrincipalSchema.pick({
  userId: true,
  username: true,
  displayName: true,
  role: true,
  unitId: true,
  departmentId: true,
})
  .extend({
    lockedUntil: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean().openapi({ description: 'Signs in with a TOTP second factor' }),
  })
  .openapi('User');

const OneTime = z
  .string()
  .openapi({ description: 'Shown once, in this answer only; the user must replace it at first sign-in' });
const WithPassword = z.object({ user: UserSchema, oneTimePassword: OneTime });
const conflict = { 409: errorResponse('Would disable or demote yourself or the last active administrator') };
const IdParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'U010' }),
});
const Scope = {
  unitId: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .openapi({ description: 'A unit of the admin tree (geographic roles)' }),
  departmentId: z.string().max(64).nullable().optional().openapi({ description: 'A department (department role)' }),
};

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'All user accounts',
  responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'The accounts'), ...errorResponses },
});

const create = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create an account; answers its one-time password',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              username: z.string().max(64),
              displayName: z.string().max(64),
              role: z.string().max(32),
              ...Scope,
            })
            .strict()
            .openapi('NewAccount'),
        },
      },
    },
  },
  responses: { 201: json(WithPassword, 'Created'), ...errorResponses },
});

const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: "Change an account's name, role or scope (a new role or scope ends its sessions)",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ displayName: z.string().max(64).optional(), role: z.string().max(32).optional(), ...Scope })
            .strict()
            .openapi('AccountChange'),
        },
      },
    },
  },
  responses: {
    200: json(z.object({ user: UserSchema }), 'Changed'),
    ...conflict,
    ...notFoundResponse,
    ...errorResponses,
  },
});

// The path's literal type reaches the typed client (hc), which would otherwise see `/users/{id}/${string}`.
const action = <P extends string>(path: P, summary: string) =>
  createRoute({
    method: 'post',
    path: `/users/{id}/${path}` as `/users/{id}/${P}`,
    tags: ['users'],
    summary,
    request: { params: IdParam },
    responses: {
      200: json(z.object({ user: UserSchema }), 'Done'),
      ...conflict,
      ...notFoundResponse,
      ...errorResponses,
    },
  });
const disable = action('disable', 'Disable an account (ends its sessions at once)');
const enable = action('enable', 'Enable an account again');

const reset = createRoute({
  method: 'post',
  path: '/users/{id}/reset-password',
  tags: ['users'],
  summary: 'A new one-time password (ends the sessions; the user must change it at sign-in)',
  request: { params: IdParam },
  responses: { 200: json(WithPassword, 'Reset'), ...notFoundResponse, ...errorResponses },
});

const resetTotp = createRoute({
  method: 'post',
  path: '/users/{id}/reset-totp',
  tags: ['users'],
  summary:
    "Remove another user's second factor (a lost phone) and end their sessions; they sign in with the password and enrol again",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ user: UserSchema }), 'Reset'),
    409: errorResponse('Your own (self_reset: use POST /auth/totp/disable), or the user has none (totp_not_enabled)'),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const importCsv = createRoute({
  method: 'post',
  path: '/users/import',
  tags: ['users'],
  summary: `Create many accounts from a CSV file (header: ${IMPORT_COLUMNS.join(',')}), all or none`,
  request: {
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string().openapi({ example: 'username,displayName,role,unitId,departmentId' }) },
      },
    },
  },
  responses: {
    201: json(z.object({ users: z.array(WithPassword) }), 'Every account created, each with its one-time password'),
    400: errorResponse('A malformed file, or rows with problems (each by line and field); nothing was created'),
    415: errorResponse('Not declared text/csv'),
    500: errorResponses[500],
  },
});

/** The CSV's rows as accounts with their line numbers; a malformed file is refused as a whole. */
function parseImport(text: string): Array<{ line: number; account: AccountInput }> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => {
        const h = header.map((x) => x.trim());
        if (h.join(',') !== IMPORT_COLUMNS.join(','))
          throw new AccountError(400, 'invalid_import', `The header must be: ${IMPORT_COLUMNS.join(',')}.`, [
            { line: 1, field: 'header', message: `Expected ${IMPORT_COLUMNS.join(',')}, got ${h.join(',')}.` },
          ]);
        return h;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (e) {
    if (e instanceof AccountError) throw e;
    const line = (e as { lines?: number }).lines ?? 0;
    throw new AccountError(400, 'malformed_csv', `The CSV is malformed: ${(e as Error).message}`, [
      { line, field: 'file', message: (e as Error).message },
    ]);
  }
  if (records.length > 2000)
    throw new AccountError(400, 'invalid_import', 'At most 2000 accounts per file.', [
      { line: 0, field: 'file', message: 'At most 2000 accounts per file.' },
    ]);
  return records.map(({ record, info }) => ({
    line: info.lines,
    account: {
      username: record.username ?? '',
      displayName: record.displayName ?? '',
      role: record.role ?? '',
      unitId: record.unitId || null,
      departmentId: record.departmentId || null,
    },
  }));
}

export function userRoutes({ db, now }: Deps) {
  const actor = (c: Context<AppEnv>): Actor => ({
    principal: c.get('principal')!,
    client: clientOf(c),
    now: new Date(now()).toISOString(),
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => c.json({ users: (await listUsers(db)).map(viewOf) }, 200))
    .openapi(create, async (c) => c.json(await createAccount(db, actor(c), c.req.valid('json')), 201))
    .openapi(update, async (c) =>
      c.json({ user: await changeAccount(db, actor(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
    )
    .openapi(disable, async (c) =>
      c.json({ user: await setDisabled(db, actor(c), c.req.valid('param').id, true) }, 200),
    )
    .openapi(enable, async (c) =>
      c.json({ user: await setDisabled(db, actor(c), c.req.valid('param').id, false) }, 200),
    )
    .openapi(reset, async (c) => c.json(await resetPassword(db, actor(c), c.req.valid('param').id), 200))
    .openapi(resetTotp, async (c) =>
      c.json({ user: await resetSecondFactor(db, actor(c), c.req.valid('param').id) }, 200),
    )
    .openapi(importCsv, async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^text\/csv/i.test(type))
        return c.json(
          { error: { code: 'unsupported_media_type', message: 'Send the file as text/csv (UTF-8).' } },
          415,
        );
      const rows = parseImport(await c.req.text());
      return c.json({ users: await importAccounts(db, actor(c), rows) }, 201);
    });
}
