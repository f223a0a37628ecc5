import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Where the signed-in user's access token is kept; the sign-in screen writes it, every call reads it. */
export const TOKEN_STORAGE_KEY = 'nexa.token';

interface Session {
  token: string | null;
  /** The last sign-out was the server refusing the token (expired or revoked), not the user's choice. */
  expired: boolean;
  signIn(token: string): void;
  /** The same session with a fresh token (from `auth.refresh`): the app stays mounted as it is. */
  renew(token: string): void;
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
  const renew = useCallback((next: string) => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, next);
    setToken(next);
  }, []);
  const signOut = useCallback(({ expired: refused = false }: { expired?: boolean } = {}) => {
    window.localStorage.removeItem(TOKEN_STORAGE_KEY);
    setToken(null);
    setExpired(refused);
  }, []);
  const value = useMemo(() => ({ token, expired, signIn, renew, signOut }), [token, expired, signIn, renew, signOut]);
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

/** When an access token (a JWT) was issued and expires, read from its payload; null for anything else (e.g. an API key). */
export function accessTokenLifetime(token: string): { issuedAtMs: number; expiresAtMs: number } | null {
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const { iat, exp } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: unknown; exp?: unknown };
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat) return null;
    return { issuedAtMs: iat * 1000, expiresAtMs: exp * 1000 };
  } catch {
    return null;
  }
}

const LONGEST_REFRESH_LEAD_MS = 60_000;

/** Shortly before expiry: a minute ahead, or a third of the lifetime for short-lived tokens. */
export function refreshTimeOf({ issuedAtMs, expiresAtMs }: { issuedAtMs: number; expiresAtMs: number }): number {
  return expiresAtMs - Math.min(LONGEST_REFRESH_LEAD_MS, (expiresAtMs - issuedAtMs) / 3);
}
