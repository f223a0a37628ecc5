import type { ClassifyInput, SubmitInput, TaskMessage } from '@nexa/contracts';
import type { AppRouter } from '@nexa/router';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';
import { sendRequestsAtEndOfTurn } from './send-at-end-of-turn';

export type Transport = 'ws' | 'sse';
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface NexaClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** A bearer token or API key, sent on every transport. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** How subscriptions (and `classify`) travel; queries and mutations always use HTTP. Default `ws`. */
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
  /**
   * After the token changed (e.g. `auth.refresh`): opens a new WebSocket with it, moving live
   * subscriptions over without a gap (the old socket serves until the new one is open).
   */
  renewConnection(): void;
  close(): Promise<void>;
}

export type NexaClient = TRPCClient<AppRouter> & NexaClientExtras;

/** Full-jitter exponential backoff: a random wait between 0 and min(cap, 250 ms · 2^attempt). */
export function jitteredBackoff(attempt: number, capMs = 10_000): number {
  return Math.floor(Math.random() * Math.min(capMs, 250 * 2 ** attempt));
}

interface ReconnectableWsClient {
  reconnect(closedError: null): void;
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
            // A socket retired by renewConnection() closes while its successor is open and serving.
            if (state !== 'closed' && wsClient?.connection?.state !== 'open') setState('reconnecting');
          },
        })
      : null;
  if (wsClient) sendRequestsAtEndOfTurn(wsClient);

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

  const headers = async () => {
    const token = await resolveToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: subscriptionLink,
        // Queries are batched (a screen asks several at once); a mutation goes at once, without the batch's wait of a timer tick.
        false: splitLink({
          condition: (op) => op.type === 'mutation',
          true: httpLink({ url: httpUrl, headers }),
          false: httpBatchLink({ url: httpUrl, headers }),
        }),
      }),
    ],
  });

  function watch(taskId: string, { lastEventId, signal }: WatchOptions = {}): AsyncIterable<TrackedEvent> {
    return {
      [Symbol.asyncIterator]: () =>
        subscriptionAsIterator((observer) => trpc.classification.events.subscribe({ taskId, lastEventId: lastEventId ?? null }, observer), signal),
    };
  }

  /** Over WebSocket: one `classification.classify` message submits and streams; a reconnect resumes the same task by its idempotency key. */
  function classifyInOneCall(input: SubmitInput, signal: AbortSignal | undefined) {
    const classifyInput: ClassifyInput = { ...input, idempotencyKey: input.idempotencyKey ?? randomIdempotencyKey() };
    let resolveTaskId!: (taskId: string) => void;
    let rejectTaskId!: (error: unknown) => void;
    const taskId = new Promise<string>((resolve, reject) => {
      resolveTaskId = resolve;
      rejectTaskId = reject;
    });
    taskId.catch(() => {});
    return {
      taskId,
      [Symbol.asyncIterator]: () =>
        subscriptionAsIterator(
          (observer) =>
            trpc.classification.classify.subscribe(classifyInput, {
              onData: (tracked) => {
                resolveTaskId(tracked.data.taskId);
                observer.onData(tracked);
              },
              onError: (error) => {
                rejectTaskId(error);
                observer.onError(error);
              },
              onComplete: () => {
                rejectTaskId(new Error('the classification ended before it was submitted'));
                observer.onComplete();
              },
            }),
          signal,
        ),
    };
  }

  const extras: NexaClientExtras = {
    classify(input, classifyOptions = {}) {
      if (wsClient) return classifyInOneCall(input, classifyOptions.signal);
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
    renewConnection() {
      // The client's own seamless reconnect (the one a server's `reconnect` notice starts), not yet public in its types.
      (wsClient as unknown as ReconnectableWsClient | null)?.reconnect(null);
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

/** A random key of 32 hex digits; `crypto.getRandomValues` exists in every browser context and in Node. */
function randomIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface TrackedObserver {
  onData(tracked: { id: string; data: TaskMessage }): void;
  onError(error: unknown): void;
  onComplete(): void;
}

/** Turns a tRPC subscription of tracked task messages into an async iterator that buffers what arrives between reads. */
function subscriptionAsIterator(subscribe: (observer: TrackedObserver) => { unsubscribe(): void }, signal: AbortSignal | undefined): AsyncIterator<TrackedEvent> {
  const buffered: TrackedEvent[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };

  const subscription = subscribe({
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
  });
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
          // A transport may wait for its reconnection on an unref'd timer (the `eventsource` package does):
          // a program awaiting nothing but this subscription would exit mid-task without this one.
          const keepAlive = setInterval(() => {}, 60_000);
          wake = () => {
            clearInterval(keepAlive);
            resolve();
          };
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
