import { describe, expect, it } from 'vitest';
import { checkPassword, type PasswordRule } from './passwordPolicy';

const CASES: Array<[password: string, username: string, rule: PasswordRule | null]> = [
  ['', 'wang', 'min_length'],
  ['short1!', 'wang', 'min_length'],
  ['elevenchars', 'wang', 'min_length'],
  ['十二个字符的中文密码可以', 'wang', null], // 12 characters, counted as characters not bytes
  ['x'.repeat(257), 'wang', 'max_length'],
  ['zhangwei-grid-2026', 'zhangwei', 'contains_username'],
  ['My-ZHANGWEI-pass', 'zhangwei', 'contains_username'],
  ['qwerty123456', 'wang', 'common_password'],
  ['1qaz2wsx3edc', 'wang', 'common_password'],
  ['QWERTY123456', 'wang', 'common_password'],
  ['tongcheng-river-lantern-7', 'wang', null],
  ['correct horse battery staple', 'li', null], // a username under 3 characters is not matched
];

describe('password policy', () => {
  it.each(CASES)('%j for %s → %s', (password, username, rule) => {
    const v = checkPassword(password, username);
    expect(v?.rule ?? null).toBe(rule);
    if (v) expect(v.message).toMatch(/\w/);
  });
});
