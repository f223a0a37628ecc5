import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-errors';

/**
 * The standard `Idempotency-Key` header as the submission's `idempotencyKey`: `fromBody` wins when
 * it is the same key, and a different one in each is refused rather than one of them ignored.
 */
export function idempotencyKeyOf(request: FastifyRequest, fromBody: unknown): unknown {
  const header = request.headers['idempotency-key'];
  if (typeof header !== 'string') return fromBody;
  if (fromBody !== undefined && fromBody !== header) {
    throw new ApiError(400, 'BAD_REQUEST', 'the Idempotency-Key header and the idempotencyKey field name different keys');
  }
  return header;
}

/** A JSON body with the header's key in it (left as it is when it is not an object: the schema refuses it). */
export function withIdempotencyKeyHeader(request: FastifyRequest): unknown {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const key = idempotencyKeyOf(request, (body as { idempotencyKey?: unknown }).idempotencyKey);
  return key === undefined ? body : { ...body, idempotencyKey: key };
}
