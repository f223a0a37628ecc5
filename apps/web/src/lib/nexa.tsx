import { createNexaClient, type AppRouter, type ConnectionState, type NexaClient } from '@nexa/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Messages } from '../i18n/messages';
import { useSession } from './session';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const ConnectionContext = createContext<ConnectionState>('connecting');

export const isUnauthorized = (error: unknown) => error instanceof TRPCClientError && (error as NexaError).data?.code === 'UNAUTHORIZED';

/**
 * The one typed client of the app (same origin as the page), its query cache and its live connection
 * state, for one token: the WebSocket sends its token only when it connects, so signing in or out
 * mounts a new provider (keyed by the token) with a new client. An expired token signs out.
 */
export function NexaProvider({ token, children }: { token: string | null; children: ReactNode }) {
  const { signOut } = useSession();
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
    createNexaClient({ url: window.location.origin, token: token ?? undefined, transport: 'ws', maxRetryDelayMs: 5_000, onConnectionStateChange: setConnection }),
  );
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

export const useConnectionState = () => useContext(ConnectionContext);

export type NexaError = TRPCClientError<AppRouter>;

/** A sentence for the person in front of the screen, from a typed tRPC error. */
export function describeError(error: unknown, t: Messages): string {
  if (error instanceof TRPCClientError) {
    const typed = error as NexaError;
    const code = typed.data?.code;
    if (code === 'BAD_REQUEST') return t.errors.invalid(typed.message);
    if (code === 'SERVICE_UNAVAILABLE') return t.errors.unavailable;
    if (code === 'TOO_MANY_REQUESTS') return t.errors.tooManyRequests;
    if (code === 'NOT_FOUND' || code === 'UNAUTHORIZED' || code === 'CONFLICT' || code === 'FORBIDDEN') return typed.message;
  }
  return t.errors.generic;
}
