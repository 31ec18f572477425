// The body of one step (POST /api/credit/records/{id}/actions) from what the step's form holds: each
// action sends exactly what the server's schema asks of it (the schema is strict: nothing more).
import type { CreditAction } from '../../api/creditApi';

export interface StepFields {
  reason: string;
  statement: string;
  outcome: 'upheld' | 'dismissed';
  path: 'time' | 'positive';
}

export function stepBody(action: CreditAction['action'], f: StepFields): CreditAction {
  const reason = f.reason.trim();
  switch (action) {
    case 'confirm':
    case 'publish':
      return reason ? { action, reason } : { action };
    case 'reject':
    case 'withdraw':
      return { action, reason };
    case 'appeal':
      return { action, reason, statement: f.statement.trim() };
    case 'decide':
      return { action, reason, outcome: f.outcome };
    case 'repair':
      return { action, reason, path: f.path };
  }
}
