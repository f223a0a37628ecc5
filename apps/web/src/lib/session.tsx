import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Where the signed-in user's access token is kept; the sign-in screen writes it, every call reads it. */
export const TOKEN_STORAGE_KEY = 'nexa.token';

interface Session {
  token: string | null;
  /** The last sign-out was the server refusing the token (expired or revoked), not the user's choice. */
  expired: boolean;
  signIn(token: string): void;
  signOut(options?: { expired?: boolean }): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => window.localStorage.getItem(TOKEN_STORAGE_KEY));
  const [expired, setExpired] = useState(false);
  const signIn = useCallback((next: string) => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, next);
    setToken(next);
    setExpired(false);
  }, []);
  const signOut = useCallback(({ expired: refused = false }: { expired?: boolean } = {}) => {
    window.localStorage.removeItem(TOKEN_STORAGE_KEY);
    setToken(null);
    setExpired(refused);
  }, []);
  const value = useMemo(() => ({ token, expired, signIn, signOut }), [token, expired, signIn, signOut]);
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
