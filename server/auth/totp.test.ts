// TOTP against RFC 6238's test vectors (appendix B), the acceptance window, and recovery codes.
import { describe, expect, it } from 'vitest';
import {
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  RECOVERY_CODE_COUNT,
  totpCode,
  totpStep,
  totpStepOf,
} from './totp';

/** RFC 6238's seeds are ASCII digits: 20 bytes for SHA-1, 32 for SHA-256, 64 for SHA-512. */
const base32 = (ascii: string) => {
  const bits = [...Buffer.from(ascii)].map((b) => b.toString(2).padStart(8, '0')).join('');
  return bits
    .match(/.{1,5}/g)!
    .map((g) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Number.parseInt(g.padEnd(5, '0'), 2)])
    .join('');
};
const SEEDS = {
  SHA1: base32('12345678901234567890'),
  SHA256: base32('12345678901234567890123456789012'),
  SHA512: base32('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

// Appendix B: time (s) → the 8-digit code for each algorithm.
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 test vectors', () => {
  it('has the RFC seed in base32', () => {
    expect(SEEDS.SHA1).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each(VECTORS)('at %i s: SHA-1 %s, SHA-256 %s, SHA-512 %s', (seconds, sha1, sha256, sha512) => {
    const at = seconds * 1000;
    for (const [algorithm, code] of [
      ['SHA1', sha1],
      ['SHA256', sha256],
      ['SHA512', sha512],
    ] as const) {
      const params = { algorithm, digits: 8, period: 30 };
      expect(totpCode(SEEDS[algorithm], at, params)).toBe(code);
      expect(totpStep(SEEDS[algorithm], code, at, params)).toBe(Math.floor(seconds / 30));
    }
  });
});

describe('totpStep', () => {
  const secret = newTotpSecret();
  const at = Date.parse('2026-03-02T09:00:10Z');
  const step = totpStepOf(at);

  it('accepts the code of this step and of the steps either side (clock drift), naming the step', () => {
    expect(totpStep(secret, totpCode(secret, at), at)).toBe(step);
    expect(totpStep(secret, totpCode(secret, at - 30_000), at)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, at + 30_000), at)).toBe(step + 1);
  });

  it('refuses codes two steps away, of another seed, or not six digits', () => {
    expect(totpStep(secret, totpCode(secret, at - 60_000), at)).toBeNull();
    expect(totpStep(secret, totpCode(secret, at + 60_000), at)).toBeNull();
    expect(totpStep(newTotpSecret(), totpCode(secret, at), at)).toBeNull();
    const code = totpCode(secret, at);
    for (const bad of ['', '12345', `${code}0`, ' 123456', '12345a', '１２３４５６'])
      expect(totpStep(secret, bad, at)).toBeNull();
  });
});

describe('seeds and URIs', () => {
  it('makes 160-bit base32 seeds, different each time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it('writes the otpauth:// URI authenticator apps read', () => {
    const secret = newTotpSecret();
    const uri = new URL(otpauthUri(secret, 'admin'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Wendu Twin:admin');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret,
      issuer: 'Wendu Twin',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});

describe('recovery codes', () => {
  it('makes ten distinct 80-bit codes in groups of four', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  });

  it('reads a code however it is typed, and nothing else', () => {
    const [code] = newRecoveryCodes(1) as [string];
    const plain = code.replaceAll('-', '');
    expect(normaliseRecoveryCode(code)).toBe(plain);
    expect(normaliseRecoveryCode(code.toLowerCase())).toBe(plain);
    expect(normaliseRecoveryCode(` ${plain.match(/.{4}/g)!.join(' ')} `)).toBe(plain);
    for (const bad of ['', plain.slice(1), `${plain}A`, `${plain.slice(1)}1`, '123456'])
      expect(normaliseRecoveryCode(bad)).toBeNull();
  });
});
