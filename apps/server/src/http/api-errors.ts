import { httpStatusOfIntakeError, IntakeError } from '@nexa/intake';
import { INTERNAL_ERROR_MESSAGE, messageForCaller } from '@nexa/router';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';

/** The JSON body of every `/api/...` error: `{ code, message }` (plus `rejected` rows for a file with none valid). */
export interface ApiErrorBody {
  code: string;
  message: string;
  rejected?: ReadonlyArray<{ row: number; column: string; reason: string }>;
  /** For invalid input: one entry per invalid field. */
  fieldErrors?: Array<{ path: string; message: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The codes of the statuses Fastify and its plugins answer on their own; any other 4xx is a `BAD_REQUEST`. */
const CODE_OF_CLIENT_ERROR_STATUS: Record<number, string> = { 404: 'NOT_FOUND', 413: 'FILE_TOO_LARGE', 415: 'UNSUPPORTED_TYPE' };

/**
 * The seconds a rate-limited caller should wait, when the refusal carries them as
 * `new TRPCError({ code: 'TOO_MANY_REQUESTS', cause: { retryAfterSeconds } })`.
 */
export function retryAfterSecondsOf(error: TRPCError): number | null {
  const seconds = (error.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return error.code === 'TOO_MANY_REQUESTS' && typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}

/** A `Retry-After` header for an answer to calls refused for a rate limit (the longest wait), else none. */
export function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const seconds = Math.max(0, ...errors.map((error) => retryAfterSecondsOf(error) ?? 0));
  return seconds > 0 ? { 'retry-after': String(seconds) } : {};
}

export function sendApiError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof ApiError) return reply.code(error.status).send({ code: error.code, message: error.message } satisfies ApiErrorBody);
  if (error instanceof IntakeError) {
    const body: ApiErrorBody = { code: error.code, message: error.message };
    if (error.rejected.length > 0) body.rejected = error.rejected;
    return reply.code(httpStatusOfIntakeError(error.code)).send(body);
  }
  if (error instanceof TRPCError) {
    if (error.code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: error.cause ?? error }, 'api request failed');
    if (error.cause instanceof ZodError) {
      const fieldErrors = error.cause.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return reply.code(400).send({ code: 'BAD_REQUEST', message: messageForCaller(error), fieldErrors } satisfies ApiErrorBody);
    }
    return reply
      .code(getHTTPStatusCodeFromError(error))
      .headers(retryAfterHeaders([error]))
      .send({ code: error.code, message: messageForCaller(error) } satisfies ApiErrorBody);
  }
  if ((error as { code?: unknown })?.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return reply.code(415).send({ code: 'UNSUPPORTED_TYPE', message: 'send the file as multipart/form-data in the field "file"' } satisfies ApiErrorBody);
  }
  // Fastify's own refusals (a body that is not JSON, empty or too large, a content type no parser takes) and its plugins'.
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return reply.code(status).send({ code: CODE_OF_CLIENT_ERROR_STATUS[status] ?? 'BAD_REQUEST', message: (error as Error).message } satisfies ApiErrorBody);
  }
  request.log.error({ err: error }, 'api request failed');
  return reply.code(500).send({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE } satisfies ApiErrorBody);
}

/** Where the REST routes live: every path under these answers its errors as `ApiErrorBody`. */
const REST_PREFIXES = ['/api', '/classify-partnumber'];

/**
 * Registers the REST routes so that every error they answer — Fastify's own too, raised before a
 * handler runs — and every unknown path under their prefixes is an `ApiErrorBody`. The rest of the
 * server (`/trpc` above all) keeps its own answers.
 */
export async function registerRestRoutes(app: FastifyInstance, register: (rest: FastifyInstance) => Promise<void>) {
  const answerAsApiError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => sendApiError(request, reply, error);
  await app.register(async (rest) => {
    rest.setErrorHandler(answerAsApiError);
    await register(rest);
  });
  for (const prefix of REST_PREFIXES) {
    await app.register(
      async (unknownRoutes) => {
        unknownRoutes.setErrorHandler(answerAsApiError);
        unknownRoutes.setNotFoundHandler((request, reply) =>
          sendApiError(request, reply, new ApiError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)),
        );
      },
      { prefix },
    );
  }
}
