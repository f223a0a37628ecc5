import { CORRELATION_RESPONSE_HEADER, withCorrelationId } from '@nexa/observability';
import type { FastifyInstance } from 'fastify';

/** Routes polled by load balancers and Prometheus: their log lines are debug, not info. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** The request's path and query without the parameters that may carry a credential (SSE subscriptions send `connectionParams={"token":…}`). */
function loggableUrl(url: string): string {
  const parsed = new URL(url, 'http://nexa.invalid');
  for (const name of ['connectionParams', 'token', 'access_token']) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '[redacted]');
  return parsed.pathname + parsed.search;
}

/**
 * Runs every request in the correlation scope of its id (`request.id`, taken from `x-correlation-id`
 * / `x-request-id` by `genReqId`), returns the id in `x-correlation-id`, and writes one log line per
 * finished request.
 */
export function correlateRequests(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_RESPONSE_HEADER, request.id);
    withCorrelationId(request.id, done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    // The query string is left out: SSE clients carry their credential in it (connectionParams).
    const fields = { method: request.method, path: request.url.split('?')[0], route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime) };
    if (QUIET_ROUTES.has(route)) request.log.debug(fields, 'request completed');
    else request.log.info(fields, 'request completed');
  });
}
