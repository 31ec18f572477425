// The session gate. It asks the server once; nobody signed in → the sign-in page, which reloads
// the page it interrupted after a successful sign-in.
import { type ReactNode, useEffect, useState } from 'react';
import type { SignedInUser, TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { type Session, SessionContext } from '../../ui/session';
import { LoginPage } from './LoginPage';

type State =
  | { kind: 'checking' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: SignedInUser }
  | { kind: 'error'; message: string };

export function SessionGate({ api, children }: { api: TwinApi; children: ReactNode }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    const abort = new AbortController();
    api.me(abort.signal).then(
      (user) => setState(user ? { kind: 'signed-in', user } : { kind: 'signed-out' }),
      (err: unknown) => {
        if (!abort.signal.aborted)
          setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => abort.abort();
  }, [api]);

  if (state.kind === 'checking') return <div className="page-status">{t('status.loading')}</div>;
  if (state.kind === 'error')
    return <div className="page-status page-status-error">{t('status.error', { message: state.message })}</div>;
  if (state.kind === 'signed-out')
    return <LoginPage api={api} onSignedIn={(user) => setState({ kind: 'signed-in', user })} />;
  const session: Session = {
    user: state.user,
    signOut: async () => {
      await api.logout().catch(() => undefined);
      setState({ kind: 'signed-out' });
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
