// Who is signed in, for any component under the session gate (views/signIn/SessionGate.tsx provides it).
import { createContext, useContext } from 'react';
import type { SignedInUser } from '../api/twinApi';

export interface Session {
  user: SignedInUser;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionGate>');
  return session;
}
