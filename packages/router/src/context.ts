import {
  DEFAULT_BATCH_MAX_ITEMS,
  type Accounts,
  type ApprovedMemory,
  type EventFeed,
  type EventLog,
  type JobQueue,
  type NcmCatalog,
  type RateLimiter,
  type ReviewStore,
  type TaskStore,
} from '@nexa/contracts';

export interface BatchSettings {
  /** Most items one batch may hold (`BATCH_MAX_ITEMS`). */
  maxItems: number;
  /** Shortest time between two messages one batch subscriber receives (`BATCH_PROGRESS_INTERVAL_MS`). */
  messageIntervalMs: number;
}

export const defaultBatchSettings: BatchSettings = { maxItems: DEFAULT_BATCH_MAX_ITEMS, messageIntervalMs: 100 };

/**
 * Whose approvals teach the approved-classification memory every account's classifications are answered
 * from: only admins' by default, since an ordinary account's approval would otherwise decide other
 * accounts' codes; 'everyone' where every account is one trusted team (`MEMORY_LEARNS_FROM`).
 */
export type MemoryLearnsFrom = 'admins' | 'everyone';

/** Infrastructure the procedures reach, passed in by whoever hosts the router. */
export interface NexaServices {
  tasks: TaskStore;
  events: EventLog;
  feed: EventFeed;
  queue: JobQueue;
  accounts: Accounts;
  reviews: ReviewStore;
  approvedMemory: ApprovedMemory;
  memoryLearnsFrom?: MemoryLearnsFrom;
  /** Counts submissions: each `classification.submit` and each `classification.submitBatch` is one. */
  submitRateLimiter: RateLimiter;
  /** Counts the distinct items of batches, a budget of its own so one call cannot queue unbounded work. */
  batchItemRateLimiter: RateLimiter;
  /** Counts `auth.login` attempts per email (`LOGIN_ATTEMPTS_PER_EMAIL`). */
  loginRateLimiter: RateLimiter;
  /** Counts `auth.login` and `auth.register` attempts per client address (`AUTH_ATTEMPTS_PER_ADDRESS`). */
  authAddressRateLimiter: RateLimiter;
  ncm: NcmCatalog;
  batch?: BatchSettings;
}

export interface NexaContext extends NexaServices {
  batch: BatchSettings;
  memoryLearnsFrom: MemoryLearnsFrom;
  /** The bearer token or API key the caller sent, not yet verified; procedures see the verified `actor`. */
  credential: string | null;
  /** The caller's network address as the HTTP server sees it (behind a proxy: what `trustProxy` admits). */
  clientAddress: string | null;
}

/** What the HTTP, WebSocket and SSE adapters hand to createContext. */
export interface ContextSource {
  req?: { headers: Record<string, string | string[] | undefined>; ip?: string };
  info?: { connectionParams?: Record<string, string | undefined> | null };
}

/**
 * HTTP sends `Authorization: Bearer <credential>`; WebSocket and SSE send `connectionParams.token`
 * (SSE as the `connectionParams` query parameter), because browsers cannot set headers on either.
 */
export function credentialFrom({ req, info }: ContextSource): string | null {
  const header = req?.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const bearer = value?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const token = info?.connectionParams?.token;
  return typeof token === 'string' && token.length > 0 ? token : null;
}

export function createContextFactory(services: NexaServices) {
  return (source: ContextSource = {}): NexaContext => ({
    ...services,
    batch: services.batch ?? defaultBatchSettings,
    memoryLearnsFrom: services.memoryLearnsFrom ?? 'admins',
    credential: credentialFrom(source),
    clientAddress: source.req?.ip ?? null,
  });
}
