// mosquitto's password file format (not our hashing: auth/passwords.ts hashes what the platform
// checks itself). mosquitto 2 checks `$7$` lines, PBKDF2-SHA512, as `mosquitto_passwd` writes them. The
// derivation runs in the one key-derivation slot, like every other (server/auth/kdfSlot.ts).
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { inKdfSlot } from '../../server/auth/kdfSlot';

const pbkdf2Async = promisify(pbkdf2);

/** One line of a mosquitto 2 password file (`$7$`: PBKDF2-SHA512), as `mosquitto_passwd` writes it. */
export async function mosquittoPasswordLine(username: string, password: string, iterations = 10_000): Promise<string> {
  const salt = randomBytes(12);
  const hash = await inKdfSlot(() => pbkdf2Async(password, salt, iterations, 64, 'sha512'));
  return `${username}:$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
