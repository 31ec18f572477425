import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('masking', () => {
  it.each([
    ['340881199001011234', '340881********1234'],
    ['34088119900101123X', '340881********123X'],
    ['123', '***'],
  ])('id number %s → %s', (input, expected) => expect(maskIdNumber(input)).toBe(expected));

  it.each([
    ['13812345678', '138****5678'],
    ['12345', '*****'],
  ])('phone %s → %s', (input, expected) => expect(maskPhone(input)).toBe(expected));

  it.each([
    ['张伟', '张*'],
    ['张三丰', '张**'],
    ['欧阳修文', '欧阳**'],
    ['王', '王*'],
  ])('name %s → %s', (input, expected) => expect(maskName(input)).toBe(expected));
});
