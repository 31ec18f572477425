// mosquitto's password file format (not our hashing: auth/passwords.ts hashes what the platform
// checks itself). mosquitto 2 checks `$7$` lines, PBKDF2-SHA512, as `mosquitto_passwd` writes them. The
// derivation runs on the key-derivation threads, like every other (server/auth/kdfThreads.ts).
import { randomBytes } from 'node:crypto';
import { kdf } from '../../server/auth/kdfThreads';

/** One line of a mosquitto 2 password file (`$7$`: PBKDF2-SHA512), as `mosquitto_passwd` writes it. */
export async function mosquittoPasswordLine(username: string, password: string, iterations = 10_000): Promise<string> {
  const salt = randomBytes(12);
  const hash = await kdf.run({ kind: 'pbkdf2', password, salt, iterations, keylen: 64, digest: 'sha512' });
  return `${username}:$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
