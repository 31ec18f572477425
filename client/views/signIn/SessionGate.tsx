// The session gate. It asks the server once; nobody signed in → the sign-in page. A user who signed
// in with a one-time password must choose their own before any page opens (the server refuses
// everything else meanwhile, 403 password_change_required), and a role that must use two-step
// verification sets it up next (403 totp_enrolment_required until then).
import { type ReactNode, useEffect, useState } from 'react';
import type { SignedInUser, TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { type Session, SessionContext } from '../../ui/session';
import { ForcedPasswordChange } from './ForcedPasswordChange';
import { ForcedTotpEnrolment } from './ForcedTotpEnrolment';
import { LoginPage } from './LoginPage';

type State =
  | { kind: 'checking' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: SignedInUser; mustChangePassword: boolean; mustEnrolTotp: boolean }
  | { kind: 'error'; message: string };

export function SessionGate({ api, children }: { api: TwinApi; children: ReactNode }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    const abort = new AbortController();
    api.me(abort.signal).then(
      (answer) => setState(answer.user ? signedIn({ ...answer, user: answer.user }) : { kind: 'signed-out' }),
      (err: unknown) => {
        if (!abort.signal.aborted)
          setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => abort.abort();
  }, [api]);

  const signOut = async () => {
    await api.logout().catch(() => undefined);
    setState({ kind: 'signed-out' });
  };

  if (state.kind === 'checking') return <div className="page-status">{t('status.loading')}</div>;
  if (state.kind === 'error')
    return <div className="page-status page-status-error">{t('status.error', { message: state.message })}</div>;
  if (state.kind === 'signed-out') return <LoginPage api={api} onSignedIn={(answer) => setState(signedIn(answer))} />;
  if (state.mustChangePassword)
    return (
      <ForcedPasswordChange
        api={api}
        user={state.user}
        onChanged={() => setState({ ...state, mustChangePassword: false })}
        onSignOut={() => void signOut()}
      />
    );
  if (state.mustEnrolTotp)
    return (
      <ForcedTotpEnrolment
        api={api}
        user={state.user}
        onEnrolled={() => setState({ ...state, mustEnrolTotp: false })}
        onSignOut={() => void signOut()}
      />
    );
  const session: Session = { user: state.user, signOut };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** What a signed-in user must still do, from the answer of `me` or of the sign-in. */
function signedIn(answer: {
  user: SignedInUser;
  mustChangePassword?: boolean;
  totpEnabled?: boolean;
  totpRequired?: boolean;
}): State {
  return {
    kind: 'signed-in',
    user: answer.user,
    mustChangePassword: answer.mustChangePassword === true,
    mustEnrolTotp: answer.totpRequired === true && answer.totpEnabled !== true,
  };
}
