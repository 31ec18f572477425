import { describe, expect, it } from 'vitest';
import {
  birthDateOfIdNumber,
  idCheckChar,
  isValidIdNumber,
  isValidPhone,
  MOBILE_PREFIXES,
  makeIdNumber,
  makePhone,
  sexOfIdNumber,
} from './identity';

describe('identity numbers (GB 11643)', () => {
  // 11010519491231002X is the worked example printed in GB 11643-1999 itself.
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['34088119900101123', 'X'], // sum 266, 266 mod 11 = 2 → 'X' (worked by hand)
  ])('check character of %s is %s', (body, check) => {
    expect(idCheckChar(body)).toBe(check);
  });

  it.each([
    ['11010519491231002X', true],
    ['440524188001010014', true],
    ['110105194912310021', false], // wrong check character
    ['11010519490231002X', false], // 31 February... of a real month 02 day 31
    ['11010519491232002X', false], // day 32
    ['1101051949123100X', false], // too short
    ['11010519491231002x', false], // lower-case x
  ])('isValidIdNumber(%s) is %s', (id, ok) => {
    expect(isValidIdNumber(id)).toBe(ok);
  });

  it.each([
    ['340881', '1953-07-14', 3, 'M'],
    ['340881', '2016-02-29', 88, 'F'],
    ['340881', '1990-12-01', 999, 'M'],
    ['340881', '1931-01-01', 0, 'F'],
  ] as const)('makeIdNumber(%s, %s, %i, %s) round-trips', (region, date, seq, sex) => {
    const id = makeIdNumber(region, date, seq, sex);
    expect(id).toHaveLength(18);
    expect(id.startsWith(region)).toBe(true);
    expect(isValidIdNumber(id)).toBe(true);
    expect(sexOfIdNumber(id)).toBe(sex);
    expect(birthDateOfIdNumber(id)).toBe(date);
  });

  it.each([
    ['34088', '1990-01-01', 1, 'M'],
    ['340881', '1990-02-30', 1, 'M'],
    ['340881', '1990-01-01', 1000, 'M'],
    ['340881', '1990-01-01', 2, 'M'], // even sequence is female
  ] as const)('rejects bad input %s %s %i %s', (region, date, seq, sex) => {
    expect(() => makeIdNumber(region, date, seq, sex)).toThrow();
  });
});

describe('phone numbers', () => {
  it.each([
    ['138', 12345678, '13812345678', true],
    ['199', 0, '19900000000', true],
    ['166', 99_999_999, '16699999999', true],
  ])('makePhone(%s, %i) is %s', (prefix, sub, phone, ok) => {
    expect(makePhone(prefix, sub)).toBe(phone);
    expect(isValidPhone(phone)).toBe(ok);
  });

  it.each([['12012345678'], ['1381234567'], ['138123456789'], ['23812345678'], ['1381234567a']])(
    'isValidPhone(%s) is false',
    (phone) => {
      expect(isValidPhone(phone)).toBe(false);
    },
  );

  it('rejects an unknown prefix and knows only 11-digit prefixes of 3', () => {
    expect(() => makePhone('120', 1)).toThrow();
    expect(new Set(MOBILE_PREFIXES).size).toBe(MOBILE_PREFIXES.length);
    for (const p of MOBILE_PREFIXES) expect(p).toMatch(/^1\d\d$/);
  });
});
