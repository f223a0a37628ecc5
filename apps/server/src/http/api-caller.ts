import { appRouter, createCallerFactory, type NexaContext } from '@nexa/router';
import type { FastifyRequest } from 'fastify';

const createCaller = createCallerFactory(appRouter);

export type ApiCaller = ReturnType<typeof createCaller>;

/**
 * The one place where the plain HTTP endpoints (`/api/...`) become a caller of the tRPC procedures:
 * they get exactly the checks the procedures make (input validation, and whatever the context
 * derives from the request), so the endpoints hold no rules of their own.
 */
export function apiCallerFactory(createContext: (request: FastifyRequest) => NexaContext | Promise<NexaContext>) {
  return async (request: FastifyRequest, options?: { signal?: AbortSignal }): Promise<ApiCaller> =>
    createCaller(await createContext(request), options?.signal ? { signal: options.signal } : undefined);
}
