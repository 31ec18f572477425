// Account administration and one's own account, as the client calls them: the users routes (role
// admin), the audit log, and the signed-in user's password. Types are inferred from the server's routes.
import { bodyOf } from './apiError';
import { type Client, type Created, call, type Ok, param, withSignal } from './rpc';

/** GET /api/users: an account as the administrator sees it (no hash, no counters). */
export type Account = Ok<Client['users']['$get']>['users'][number];
/** A new account, or a reset: the account and its one-time password (shown once). */
export type AccountWithPassword = Created<Client['users']['$post']>;
/** POST /api/users: what an administrator fills in. */
export interface NewAccount {
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  departmentId: string | null;
}
/** PATCH /api/users/{id}: the fields to change. */
export type AccountChange = Partial<Omit<NewAccount, 'username'>>;
/** GET /api/audit: entries, newest first. */
export type AuditPage = Ok<Client['audit']['$get']>;
export type AuditEntry = AuditPage['entries'][number];
/** POST /api/auth/totp/setup: a new seed for the authenticator app, shown once. */
export type TotpSetup = Ok<Client['auth']['totp']['setup']['$post']>;
/** A second factor in place of a code: the app's six digits, or one recovery code. */
export type SecondFactor = { totp: string } | { recoveryCode: string };

export interface AuditQuery {
  targetId?: string;
  actor?: string;
  limit?: number;
  offset?: number;
}

export interface AccountsApi {
  list(signal?: AbortSignal): Promise<Account[]>;
  create(account: NewAccount): Promise<AccountWithPassword>;
  change(userId: string, change: AccountChange): Promise<Account>;
  disable(userId: string): Promise<Account>;
  enable(userId: string): Promise<Account>;
  resetPassword(userId: string): Promise<AccountWithPassword>;
  /** All or none: a bad line is thrown as an ApiError whose `fields` name each line and field. */
  importCsv(csv: string): Promise<AccountWithPassword[]>;
  audit(query?: AuditQuery, signal?: AbortSignal): Promise<AuditPage>;
  /** Removes another user's second factor (a lost phone); they enrol again at the next sign-in. */
  resetSecondFactor(userId: string): Promise<Account>;
  /** The signed-in user's own password: the current one, then a new one that meets the policy. */
  changeOwnPassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Starts enrolling one's own second factor: a pending seed until confirmed. */
  totpSetup(): Promise<TotpSetup>;
  /** Confirms it with a current code; answers the recovery codes, once. */
  totpConfirm(code: string): Promise<string[]>;
  /** Turns one's own second factor off (refused where the role must have one). */
  totpDisable(currentPassword: string, factor: SecondFactor): Promise<void>;
}

const text = (n: number | undefined) => (n === undefined ? undefined : String(n));

/** The accounts part of the API; `base` is the API's root ('/api'), `fetcher` stands in for fetch (tests). */
export function accountsApi(client: Client, base: string, fetcher: typeof fetch | undefined): AccountsApi {
  const users = client.users;
  return {
    list: async (signal) => (await call(users.$get(undefined, withSignal(signal)))).users,
    create: (account) => call(users.$post({ json: account })),
    change: async (id, change) => (await call(users[':id'].$patch({ param: param(id), json: change }))).user,
    disable: async (id) => (await call(users[':id'].disable.$post({ param: param(id) }))).user,
    enable: async (id) => (await call(users[':id'].enable.$post({ param: param(id) }))).user,
    resetPassword: (id) => call(users[':id']['reset-password'].$post({ param: param(id) })),
    // The one body that is not JSON: hc sends JSON or forms, so this one goes through fetch itself.
    importCsv: async (csv) => {
      const answer = await (fetcher ?? fetch)(`${base}${users.import.$path()}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' },
        body: csv,
      });
      const body = await bodyOf<Created<Client['users']['import']['$post']>>(answer);
      return body.users;
    },
    audit: (query = {}, signal) =>
      call(
        client.audit.$get(
          { query: { ...query, limit: text(query.limit), offset: text(query.offset) } },
          withSignal(signal),
        ),
      ),
    resetSecondFactor: async (id) => (await call(users[':id']['reset-totp'].$post({ param: param(id) }))).user,
    changeOwnPassword: async (currentPassword, newPassword) => {
      await call(client.auth.password.$post({ json: { currentPassword, newPassword } }));
    },
    totpSetup: () => call(client.auth.totp.setup.$post()),
    totpConfirm: async (code) => (await call(client.auth.totp.confirm.$post({ json: { code } }))).recoveryCodes,
    totpDisable: async (currentPassword, factor) => {
      await call(client.auth.totp.disable.$post({ json: { currentPassword, ...factor } }));
    },
  };
}
