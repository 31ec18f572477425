// A refused request in words the user can act on: the credit codes (same_person, illegal_transition,
// cap_exceeded, out_of_scope) in the page's language with what to do, anything else as the server said it.
import { ApiError } from '../../api/apiError';
import type { Translate } from '../../i18n';
import { refusalKey } from './credit.model';

export function refusalText(t: Translate, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiError)) return t('credit.err.other', { message });
  return t(refusalKey(error.code, error.status), { message });
}
