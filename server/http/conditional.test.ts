import { describe, expect, it } from 'vitest';
import { notModified, pickEncoding, representationTag } from './conditional';

describe('pickEncoding', () => {
  it.each([
    { title: 'no header: identity', header: undefined, available: ['br', 'gzip'], expected: null },
    { title: 'a browser: brotli first', header: 'gzip, deflate, br, zstd', available: ['br', 'gzip'], expected: 'br' },
    { title: 'gzip only', header: 'gzip', available: ['br', 'gzip'], expected: 'gzip' },
    { title: 'brotli asked, only gzip held', header: 'br', available: ['gzip'], expected: null },
    { title: 'a higher weight wins', header: 'br;q=0.5, gzip;q=0.9', available: ['br', 'gzip'], expected: 'gzip' },
    { title: 'q=0 refuses', header: 'br;q=0, gzip', available: ['br'], expected: null },
    { title: 'a wildcard', header: '*', available: ['br', 'gzip'], expected: 'br' },
    { title: 'a wildcard less one', header: 'br;q=0, *', available: ['br', 'gzip'], expected: 'gzip' },
    { title: 'identity only', header: 'identity', available: ['br', 'gzip'], expected: null },
  ] as const)('$title', ({ header, available, expected }) => {
    expect(pickEncoding(header, available)).toBe(expected);
  });
});

describe('notModified', () => {
  it.each([
    { title: 'no header', header: undefined, expected: false },
    { title: 'the identity tag', header: '"abc"', expected: true },
    { title: 'the brotli tag', header: '"abc-br"', expected: true },
    { title: 'a weak gzip tag', header: 'W/"abc-gz"', expected: true },
    { title: 'one of several', header: '"x", "abc-br"', expected: true },
    { title: 'another entity', header: '"abd"', expected: false },
    { title: 'a prefix is not a match', header: '"ab"', expected: false },
    { title: 'any', header: '*', expected: true },
  ])('$title', ({ header, expected }) => {
    expect(notModified(header, 'abc')).toBe(expected);
  });

  it('names each representation apart', () => {
    expect([representationTag('abc', null), representationTag('abc', 'br'), representationTag('abc', 'gzip')]).toEqual([
      '"abc"',
      '"abc-br"',
      '"abc-gz"',
    ]);
  });
});
