import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Schemas } from '@handover/api-client';
import { api, setCsrfToken, unwrap, whenUnauthenticated } from './api/client';

export type SessionInfo = Schemas['SessionDto'];

interface SessionState {
  session: SessionInfo | null;
  /** true until GET /auth/session answered. */
  loading: boolean;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside <SessionProvider>');
  return state;
}

/** Asks the admin API for the cookie's session once, and keeps its CSRF token in memory. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const accept = (next: SessionInfo | null) => {
    setCsrfToken(next?.csrfToken);
    setSession(next);
  };

  useEffect(() => {
    whenUnauthenticated(() => accept(null));
    api.GET('/auth/session').then(
      ({ data }) => accept(data ?? null),
      () => accept(null),
    ).finally(() => setLoading(false));
  }, []);

  const state: SessionState = {
    session,
    loading,
    async signIn(token) {
      accept(await unwrap(api.POST('/auth/session', { body: { token } })));
    },
    async signOut() {
      await api.POST('/auth/logout');
      accept(null);
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export const canManage = (session: SessionInfo | null): boolean => session?.role === 'admin' || session?.role === 'case-manager';
export const canAudit = (session: SessionInfo | null): boolean => session?.role === 'admin' || session?.role === 'auditor';
export const isAdmin = (session: SessionInfo | null): boolean => session?.role === 'admin';
