import { createNexaClient, type AppRouter, type ConnectionState, type NexaClient } from '@nexa/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Messages } from '../i18n/messages';
import { translateServerText, translateValidationDetails } from '../i18n/server-texts';
import { accessTokenLifetime, refreshTimeOf, useSession } from './session';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const ConnectionContext = createContext<ConnectionState>('connecting');

export const isUnauthorized = (error: unknown) => error instanceof TRPCClientError && (error as NexaError).data?.code === 'UNAUTHORIZED';

/**
 * The one typed client of the app (same origin as the page), its query cache and its live connection
 * state, for one sign-in: signing in or out mounts a new provider (keyed by being signed in) with a
 * new client. While open, the session is refreshed shortly before its token expires (a sliding
 * session); an expired or revoked token signs out.
 */
export function NexaProvider({ token, children }: { token: string | null; children: ReactNode }) {
  const { signOut } = useSession();
  const currentToken = useRef(token);
  currentToken.current = token;
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [queryClient] = useState(() => {
    const onError = (error: unknown) => {
      if (token && isUnauthorized(error)) signOut({ expired: true });
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { retry: (count, error) => !isUnauthorized(error) && count < 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
    });
  });
  const [client] = useState<NexaClient>(() =>
    createNexaClient({
      url: window.location.origin,
      token: () => currentToken.current ?? undefined,
      transport: 'ws',
      maxRetryDelayMs: 5_000,
      onConnectionStateChange: setConnection,
    }),
  );
  useSlidingSession(client, token, currentToken);
  // Close the client once this provider is gone for good (a development double mount comes straight back).
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      setTimeout(() => {
        if (!mounted.current) void client.close();
      });
    };
  }, [client]);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const REFRESH_RETRY_MS = 5_000;

/**
 * Asks `auth.refresh` for a new token shortly before the current one expires, and again when the page
 * comes back into view past that moment (timers sleep in background tabs). A refusal signs out as
 * expired; a network failure tries again a few seconds later, until the server answers.
 */
function useSlidingSession(client: NexaClient, token: string | null, currentToken: { current: string | null }) {
  const { renew, signOut } = useSession();
  useEffect(() => {
    const lifetime = token ? accessTokenLifetime(token) : null;
    if (!lifetime) return;
    let stopped = false;
    let refreshing = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshWhenDue = async () => {
      clearTimeout(timer);
      const wait = refreshTimeOf(lifetime) - Date.now();
      if (wait > 0) {
        timer = setTimeout(() => void refreshWhenDue(), wait);
        return;
      }
      if (refreshing) return;
      refreshing = true;
      try {
        const session = await client.auth.refresh.mutate();
        if (stopped) return;
        currentToken.current = session.accessToken;
        client.renewConnection();
        renew(session.accessToken);
      } catch (error) {
        if (stopped) return;
        if (isUnauthorized(error)) signOut({ expired: true });
        else timer = setTimeout(() => void refreshWhenDue(), REFRESH_RETRY_MS);
      } finally {
        refreshing = false;
      }
    };
    const refreshIfVisible = () => {
      if (document.visibilityState === 'visible') void refreshWhenDue();
    };
    void refreshWhenDue();
    document.addEventListener('visibilitychange', refreshIfVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    };
  }, [client, token, currentToken, renew, signOut]);
}

export const useConnectionState = () => useContext(ConnectionContext);

export type NexaError = TRPCClientError<AppRouter>;

/** A sentence for the person in front of the screen, from a typed tRPC error. */
export function describeError(error: unknown, t: Messages): string {
  if (error instanceof TRPCClientError) {
    const typed = error as NexaError;
    const code = typed.data?.code;
    if (code === 'BAD_REQUEST') return t.errors.invalid(translateValidationDetails(typed.message, t.server));
    if (code === 'SERVICE_UNAVAILABLE') return t.errors.unavailable;
    if (code === 'TOO_MANY_REQUESTS') return t.errors.tooManyRequests;
    if (code === 'NOT_FOUND' || code === 'UNAUTHORIZED' || code === 'CONFLICT' || code === 'FORBIDDEN') return translateServerText(typed.message, t.server);
  }
  return t.errors.generic;
}
