import type { NexaMetrics } from '@nexa/observability';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

export interface MetricsEndpointOptions {
  metrics: NexaMetrics;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (`METRICS_TOKEN`). */
  token?: string | undefined;
}

export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** HTTP latency by route pattern and status, WebSocket connections, and the `/metrics` scrape endpoint. */
export function serveMetrics(app: FastifyInstance, { metrics, token }: MetricsEndpointOptions) {
  app.addHook('onResponse', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    metrics.httpRequestDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.addHook('onReady', async () => {
    app.websocketServer?.on('connection', (socket: import('ws').WebSocket) => {
      metrics.websocketConnections.inc();
      socket.once('close', () => metrics.websocketConnections.dec());
    });
  });
  app.get('/metrics', async (request, reply) => {
    if (token && !bearerTokenMatches(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ code: 'UNAUTHORIZED', message: 'send METRICS_TOKEN as a bearer token' });
    }
    return reply.header('content-type', metrics.contentType).send(await metrics.render());
  });
}
