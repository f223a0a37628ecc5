import type { NexaClient } from '@nexa/client';
import { getUntypedClient } from '@trpc/client';

/**
 * Procedures being built on another branch (accounts). Commands that need them call
 * them by name through tRPC's untyped client until they land on main; then the command switches to
 * the typed client (`client.ncm.get.query(…)`), its shapes are inferred, and it joins the registry
 * in `commands/index.ts`. Nothing here declares an API type.
 */
export type PendingProcedure =
  | 'task.list'
  | 'auth.login'
  | 'users.create'
  | 'apiKeys.create';

export function callPendingQuery(client: NexaClient, path: PendingProcedure, input: unknown): Promise<unknown> {
  return getUntypedClient(client).query(path, input);
}

export function callPendingMutation(client: NexaClient, path: PendingProcedure, input: unknown): Promise<unknown> {
  return getUntypedClient(client).mutation(path, input);
}

/** Reads a field of an answer whose type is not inferred yet, failing loudly if the shape differs. */
export function field<T>(answer: unknown, name: string, guard: (value: unknown) => value is T): T {
  const value = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[name] : undefined;
  if (!guard(value)) throw new Error(`unexpected answer from the server: no ${name} in ${JSON.stringify(answer)}`);
  return value;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
