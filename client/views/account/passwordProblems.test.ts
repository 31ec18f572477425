import { describe, expect, it } from 'vitest';
import { localProblem, serverProblem } from './passwordProblems';

describe('localProblem', () => {
  it.each([
    ['too short', 'wang', 'short1', 'short1', 'password.rule.min_length'],
    ['holds the username', 'wang.fang', 'my-wang.fang-pass', 'my-wang.fang-pass', 'password.rule.contains_username'],
    ['holds it in capitals', 'wang.fang', 'WANG.FANG-is-me', 'WANG.FANG-is-me', 'password.rule.contains_username'],
    ['entries differ', 'wang', 'long enough phrase', 'long enough phrasE', 'password.mismatch'],
    ['fine', 'wang', '桐城 的 春天 很美 2026', '桐城 的 春天 很美 2026', null],
  ])('%s', (_title, username, next, confirm, expected) => {
    expect(localProblem(username, next, confirm)).toBe(expected);
  });
});

describe('serverProblem', () => {
  it.each([
    ['wrong_password', [], 'password.wrongCurrent'],
    [
      'weak_password',
      [{ field: 'newPassword', message: 'common_password: among the most common' }],
      'password.rule.common_password',
    ],
    ['weak_password', [{ field: 'newPassword', message: 'same_as_current: differ' }], 'password.rule.same_as_current'],
    ['weak_password', [{ field: 'newPassword', message: 'something new' }], null],
    ['internal', [], null],
  ])('%s %j', (code, fields, expected) => {
    expect(serverProblem(code, fields)).toBe(expected);
  });
});
