// User accounts, for administrators (no password hashes leave the store's module boundary).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ROLES } from '../domain/access';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { errorResponses, validationHook } from '../http/errors';
import { listUsers } from '../store/users';
import { json } from './schemas';

const UserSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    unitId: z.string().nullable(),
    departmentId: z.string().nullable(),
    lockedUntil: z.string().nullable(),
    disabled: z.boolean(),
  })
  .openapi('User');

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'All user accounts',
  responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'The accounts'), ...errorResponses },
});

export function userRoutes({ db }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) => {
    const users = (await listUsers(db)).map(
      ({ userId, username, displayName, role, unitId, departmentId, lockedUntil, disabled }) => ({
        userId,
        username,
        displayName,
        role,
        unitId,
        departmentId,
        lockedUntil,
        disabled,
      }),
    );
    return c.json({ users }, 200);
  });
}
