import type { SubmitInput, TaskMessage } from '@nexa/contracts';
import type { AppRouter } from '@nexa/router';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';

export type Transport = 'ws' | 'sse';
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface NexaClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** A bearer token or API key, sent on every transport. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** How subscriptions travel; queries and mutations always use batched HTTP. Default `ws`. */
  transport?: Transport;
  /** A WebSocket implementation where there is no global one (Node 20: pass `ws`). */
  WebSocket?: unknown;
  /** An EventSource implementation where there is no global one (Node: pass the `eventsource` package's). */
  EventSource?: unknown;
  /** Longest wait between reconnection attempts; each wait is drawn at random up to the backoff (full jitter). */
  maxRetryDelayMs?: number;
  onConnectionStateChange?(state: ConnectionState): void;
}

export interface TrackedEvent {
  id: string;
  /** One event; for a batch, possibly an `events` group of several (see `eventsOfMessage`). */
  event: TaskMessage;
}

export interface WatchOptions {
  lastEventId?: string;
  signal?: AbortSignal;
}

export interface NexaClientExtras {
  /** Submits one partnumber and yields its task's events, ending with the result (or failure). */
  classify(input: SubmitInput, options?: { signal?: AbortSignal }): AsyncIterable<TrackedEvent> & { taskId: Promise<string> };
  /** Yields a task's events from `lastEventId` (or the start) until its terminal event. */
  watch(taskId: string, options?: WatchOptions): AsyncIterable<TrackedEvent>;
  readonly connectionState: ConnectionState;
  close(): Promise<void>;
}

export type NexaClient = TRPCClient<AppRouter> & NexaClientExtras;

/** Full-jitter exponential backoff: a random wait between 0 and min(cap, 250 ms · 2^attempt). */
export function jitteredBackoff(attempt: number, capMs = 10_000): number {
  return Math.floor(Math.random() * Math.min(capMs, 250 * 2 ** attempt));
}

export function createNexaClient(options: NexaClientOptions): NexaClient {
  const base = options.url.replace(/\/+$/, '');
  const httpUrl = `${base}/trpc`;
  const wsUrl = httpUrl.replace(/^http/, 'ws');
  const transport = options.transport ?? 'ws';
  const resolveToken = async () => (typeof options.token === 'function' ? await options.token() : options.token);

  let state: ConnectionState = transport === 'ws' ? 'connecting' : 'live';
  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    options.onConnectionStateChange?.(next);
  };

  const wsClient =
    transport === 'ws'
      ? createWSClient({
          url: wsUrl,
          WebSocket: (options.WebSocket ?? globalThis.WebSocket) as typeof WebSocket,
          retryDelayMs: (attempt) => jitteredBackoff(attempt, options.maxRetryDelayMs),
          connectionParams: async () => {
            const token = await resolveToken();
            return token ? { token } : {};
          },
          keepAlive: { enabled: true, intervalMs: 15_000, pongTimeoutMs: 5_000 },
          onOpen: () => setState('live'),
          onClose: () => {
            if (state !== 'closed') setState('reconnecting');
          },
        })
      : null;

  const subscriptionLink = wsClient
    ? wsLink<AppRouter>({ client: wsClient })
    : httpSubscriptionLink({
        url: httpUrl,
        EventSource: (options.EventSource ?? globalThis.EventSource) as typeof EventSource,
        connectionParams: async () => {
          const token = await resolveToken();
          return token ? { token } : {};
        },
      });

  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: subscriptionLink,
        false: httpBatchLink({
          url: httpUrl,
          headers: async () => {
            const token = await resolveToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });

  function watch(taskId: string, watchOptions: WatchOptions = {}): AsyncIterable<TrackedEvent> {
    return {
      [Symbol.asyncIterator]: () => subscribeAsIterator(trpc, taskId, watchOptions),
    };
  }

  const extras: NexaClientExtras = {
    classify(input, classifyOptions = {}) {
      const submitted = trpc.classification.submit.mutate(input);
      const taskId = submitted.then((result) => result.taskId);
      taskId.catch(() => {});
      return {
        taskId,
        async *[Symbol.asyncIterator]() {
          const { taskId: id } = await submitted;
          yield* watch(id, classifyOptions.signal ? { signal: classifyOptions.signal } : {});
        },
      };
    },
    watch,
    get connectionState() {
      return state;
    },
    async close() {
      setState('closed');
      await wsClient?.close();
    },
  };

  return new Proxy(trpc, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in extras) return Reflect.get(extras, property);
      return Reflect.get(target, property, receiver);
    },
  }) as NexaClient;
}

function subscribeAsIterator(trpc: TRPCClient<AppRouter>, taskId: string, { lastEventId, signal }: WatchOptions): AsyncIterator<TrackedEvent> {
  const buffered: TrackedEvent[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };

  const subscription = trpc.classification.events.subscribe(
    { taskId, lastEventId: lastEventId ?? null },
    {
      onData: (tracked) => {
        buffered.push({ id: tracked.id, event: tracked.data });
        notify();
      },
      onError: (error) => {
        failure = error;
        finished = true;
        notify();
      },
      onComplete: () => {
        finished = true;
        notify();
      },
    },
  );
  const stop = () => {
    finished = true;
    subscription.unsubscribe();
    notify();
  };
  signal?.addEventListener('abort', stop, { once: true });

  return {
    async next(): Promise<IteratorResult<TrackedEvent>> {
      for (;;) {
        const item = buffered.shift();
        if (item) return { value: item, done: false };
        if (failure) {
          const error = failure;
          failure = null;
          throw error;
        }
        if (finished) {
          signal?.removeEventListener('abort', stop);
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async return(): Promise<IteratorResult<TrackedEvent>> {
      stop();
      signal?.removeEventListener('abort', stop);
      return { value: undefined, done: true };
    },
  };
}
