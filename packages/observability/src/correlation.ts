import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * One correlation id follows a piece of work from the request that started it through its task, its
 * jobs, the AI calls and every event, so one id finds the whole story in the logs. Code that runs
 * inside `withCorrelationId` (a request, a procedure, a job) sees it via `currentCorrelationId()`;
 * the task store and the job queue stamp it on what they write, and every log line carries it.
 */
const scope = new AsyncLocalStorage<string>();

/** Incoming headers that name the caller's correlation id, in order of preference. */
export const CORRELATION_REQUEST_HEADERS = ['x-correlation-id', 'x-request-id'] as const;
/** The response header that returns the id in force. */
export const CORRELATION_RESPONSE_HEADER = 'x-correlation-id';

/** Printable, no spaces, at most 128 characters: anything else is replaced by a fresh id. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@\/+=-]{1,128}$/;

export const newCorrelationId = (): string => randomUUID();

export function currentCorrelationId(): string | undefined {
  return scope.getStore();
}

export function withCorrelationId<T>(id: string, work: () => T): T {
  return scope.run(id, work);
}

/** The caller's id from `x-correlation-id` or `x-request-id` when acceptable, otherwise a new one. */
export function correlationIdFromHeaders(headers: Record<string, string | string[] | undefined>): string {
  for (const name of CORRELATION_REQUEST_HEADERS) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value && ACCEPTABLE_ID.test(value)) return value;
  }
  return newCorrelationId();
}

/** `{ 'x-correlation-id': id }` inside a correlation scope, `{}` outside: for calls to other services (the AI server). */
export function correlationHeaders(): Record<string, string> {
  const id = currentCorrelationId();
  return id ? { [CORRELATION_RESPONSE_HEADER]: id } : {};
}
