import { httpStatusOfIntakeError, IntakeError } from '@nexa/intake';
import { INTERNAL_ERROR_MESSAGE, messageForCaller } from '@nexa/router';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
    return reply.code(getHTTPStatusCodeFromError(error)).send({ code: error.code, message: messageForCaller(error) } satisfies ApiErrorBody);
  }
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return reply.code(413).send({ code: 'FILE_TOO_LARGE', message: (error as Error).message } satisfies ApiErrorBody);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return reply.code(415).send({ code: 'UNSUPPORTED_TYPE', message: 'send the file as multipart/form-data in the field "file"' } satisfies ApiErrorBody);
  }
  request.log.error({ err: error }, 'api request failed');
  return reply.code(500).send({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE } satisfies ApiErrorBody);
}
