// What is wrong with a new password, in the user's language: the checks the form can make at once
// (length, the username, the two entries agree), and the server's refusals (a common password, the
// current one wrong) by the rule it names. The server's policy (server/domain/passwordPolicy.ts) decides.
import type { FieldProblem } from '../../api/apiError';
import type { MessageKey } from '../../i18n';

export const MIN_LENGTH = 12;
const RULES = ['min_length', 'max_length', 'contains_username', 'common_password', 'same_as_current'] as const;

/** The first problem the form sees before asking the server, or null. */
export function localProblem(username: string, next: string, confirm: string): MessageKey | null {
  if ([...next].length < MIN_LENGTH) return 'password.rule.min_length';
  if (username.length >= 3 && next.toLowerCase().includes(username.toLowerCase()))
    return 'password.rule.contains_username';
  if (next !== confirm) return 'password.mismatch';
  return null;
}

/** The message for a refusal of POST /api/auth/password, or null when it is not one the form knows. */
export function serverProblem(code: string, fields: readonly FieldProblem[]): MessageKey | null {
  if (code === 'wrong_password') return 'password.wrongCurrent';
  if (code !== 'weak_password') return null;
  const said = fields.find((f) => f.field === 'newPassword')?.message ?? '';
  const rule = RULES.find((r) => said.startsWith(`${r}:`));
  return rule ? `password.rule.${rule}` : null;
}
