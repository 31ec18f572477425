// The password policy (密码策略): what a new password must be. Pure: the list of common passwords is
// the data of @zxcvbn-ts/language-common (about 49,000 of the most used passwords, lower case).
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordRule = 'min_length' | 'max_length' | 'contains_username' | 'common_password';

export interface PolicyViolation {
  rule: PasswordRule;
  message: string;
}

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** The first rule `password` breaks for `username`, or null when it is acceptable. */
export function checkPassword(password: string, username: string): PolicyViolation | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return { rule: 'min_length', message: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.` };
  if (length > PASSWORD_MAX_LENGTH)
    return { rule: 'max_length', message: `A password has at most ${PASSWORD_MAX_LENGTH} characters.` };
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name))
    return { rule: 'contains_username', message: 'A password may not contain the username.' };
  if (COMMON.has(lower)) return { rule: 'common_password', message: 'This password is among the most common ones.' };
  return null;
}
