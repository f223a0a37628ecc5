import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Where the signed-in user's access token is kept; the sign-in screen writes it, every call reads it. */
export const TOKEN_STORAGE_KEY = 'nexa.token';

interface Session {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => window.localStorage.getItem(TOKEN_STORAGE_KEY));
  const signIn = useCallback((next: string) => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, next);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    window.localStorage.removeItem(TOKEN_STORAGE_KEY);
    setToken(null);
  }, []);
  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Calls the HTTP API (uploads, exports) with the signed-in user's token. */
export function authorizedFetch(token: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(path, { ...init, headers });
}
