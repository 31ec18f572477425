// The one password module: what it stores, what it accepts, and what it refuses without throwing.
import { beforeAll, describe, expect, it } from 'vitest';
import { DECOY_HASH, hashPassword, NO_PASSWORD, randomPassword, verifyPassword } from './passwords';

const STORED = /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

/** The first character changed (every bit of it counts; the last one's low bits are padding). */
const flipFirst = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

describe('hashPassword and verifyPassword', () => {
  const secret = 'correct horse 电池 staple';
  let stored = '';
  let salt = '';
  let key = '';
  beforeAll(async () => {
    stored = await hashPassword(secret);
    [, , , , salt = '', key = ''] = stored.split('$');
  });

  it('stores scrypt with its parameters, a fresh salt each time, and never the password', async () => {
    expect(stored).toMatch(STORED);
    expect(stored).not.toContain(secret);
    const again = await hashPassword(secret);
    expect(again).toMatch(STORED);
    expect(again).not.toBe(stored);
  });

  it.each<[string, string | Buffer, () => string, boolean]>([
    ['the right password', secret, () => stored, true],
    ['the right password as the bytes MQTT delivers', Buffer.from(secret), () => stored, true],
    ['a wrong password', 'correct horse battery staple', () => stored, false],
    ['the empty password', '', () => stored, false],
    ['the right password with a space added', `${secret} `, () => stored, false],
    ['a stored key one character off', secret, () => stored.replace(key, flipFirst(key)), false],
    ['a stored salt one character off', secret, () => stored.replace(salt, flipFirst(salt)), false],
    ['an empty stored string', secret, () => '', false],
    ['a stored plain password', secret, () => secret, false],
    ['another scheme', secret, () => stored.replace(/^scrypt/, 'bcrypt'), false],
    ['a missing key', secret, () => stored.replace(`$${key}`, ''), false],
    ['non-numeric parameters', secret, () => stored.replace('$16384$', '$N$'), false],
    ['N not a power of two', secret, () => stored.replace('$16384$', '$16383$'), false],
    ['r of zero', secret, () => stored.replace('$16384$8$', '$16384$0$'), false],
    ['characters outside base64url', secret, () => stored.replace(/\$([^$]+)$/, '$+/+/+/+/+/+/+/+/+/+/+/+/'), false],
    ['the old device format (hex salt and hash fields)', secret, () => `${'00'.repeat(16)}:${'00'.repeat(32)}`, false],
  ])('%s → %s', async (_, password, storedString, expected) => {
    expect(await verifyPassword(password, storedString())).toBe(expected);
  });
});

describe('the decoy hash for unknown users', () => {
  it('has the parameters and sizes of a real hash, so checking it costs the same', async () => {
    expect(DECOY_HASH).toMatch(STORED);
    const real = (await hashPassword('x')).split('$');
    const decoy = DECOY_HASH.split('$');
    expect(decoy.slice(0, 4)).toEqual(real.slice(0, 4));
    expect(decoy.map((part) => part.length)).toEqual(real.map((part) => part.length));
  });

  it.each(['', 'password', 'AAAAAAAAAAAAAAAA', '\0'])('matches no password (%j)', async (password) => {
    expect(await verifyPassword(password, DECOY_HASH)).toBe(false);
  });
});

describe('the no-password marker of accounts nobody has set a password for', () => {
  it('is no hash any password could match, and not a stored format', () => {
    expect(NO_PASSWORD).not.toMatch(STORED);
    expect(NO_PASSWORD.startsWith('scrypt$')).toBe(false);
  });

  it.each(['', NO_PASSWORD, '!no-password', 'no-password', 'password', 'AAAAAAAAAAAAAAAA', '\0'])(
    'accepts no password (%j)',
    async (password) => {
      expect(await verifyPassword(password, NO_PASSWORD)).toBe(false);
      expect(await verifyPassword(Buffer.from(password), NO_PASSWORD)).toBe(false);
    },
  );

  it('refuses variants of the marker too', async () => {
    for (const stored of [`${NO_PASSWORD}x`, `${NO_PASSWORD}$${DECOY_HASH}`])
      expect(await verifyPassword('x', stored)).toBe(false);
  });

  it('takes as long to refuse as a real check (one derivation), so timing does not single it out', async () => {
    const time = async (stored: string) => {
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) await verifyPassword('guess', stored);
      return performance.now() - t0;
    };
    await time(DECOY_HASH); // warm up
    const [decoy, marker] = [await time(DECOY_HASH), await time(NO_PASSWORD)];
    expect(marker).toBeGreaterThan(decoy * 0.5);
  });
});

describe('randomPassword', () => {
  it.each([
    [undefined, 16],
    [18, 24],
  ])('%s bytes → %s URL-safe characters, different each time', (bytes, length) => {
    const a = randomPassword(bytes);
    expect(a).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
    expect(randomPassword(bytes)).not.toBe(a);
  });
});
