// Key derivation (scrypt, PBKDF2) runs on libuv's thread pool, the same four threads that run every
// DuckDB query. When 136 devices reconnect at once, 136 scrypt checks would fill the pool and hold
// the next group commit (and so every alarm) for more than half a second. Letting one derivation run
// at a time keeps three threads free for the database; sign-ins queue instead.
import pLimit from 'p-limit';

/** Runs a key derivation when the one slot for it is free. */
export const inKdfSlot = pLimit(1);
