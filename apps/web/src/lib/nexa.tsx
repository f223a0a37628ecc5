import { createNexaClient, type AppRouter, type ConnectionState, type NexaClient } from '@nexa/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Messages } from '../i18n/messages';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

const ConnectionContext = createContext<ConnectionState>('connecting');

/** Where the signed-in user's access token is kept; the sign-in screen writes it, every call reads it. */
export const TOKEN_STORAGE_KEY = 'nexa.token';

/** Read on every call (and every WebSocket connection), so signing in or out applies at once. */
const storedToken = () => window.localStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;

/** The one typed client of the app (same origin as the page), its query cache and its live connection state. */
export function NexaProvider({ children }: { children: ReactNode }) {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } } }),
  );
  const [client] = useState<NexaClient>(() =>
    createNexaClient({ url: window.location.origin, token: storedToken, transport: 'ws', maxRetryDelayMs: 5_000, onConnectionStateChange: setConnection }),
  );
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
    if (code === 'NOT_FOUND') return typed.message;
  }
  return t.errors.generic;
}
