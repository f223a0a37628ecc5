import type { NexaMetrics } from '@nexa/observability';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WorkerMetricsServer {
  url: string;
  close(): Promise<void>;
}

const tokenMatches = (header: string | undefined, token: string) => {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * A worker process on its own serves its metrics (jobs, AI calls, queue depth) at `/metrics` on
 * `WORKER_METRICS_PORT`, for Prometheus to scrape each worker; bearer `METRICS_TOKEN` when set.
 */
export async function serveWorkerMetrics(metrics: NexaMetrics, { host, port, token }: { host: string; port: number; token?: string | undefined }): Promise<WorkerMetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: 'only GET /metrics is served here' }));
      return;
    }
    if (token && !tokenMatches(request.headers.authorization, token)) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' }).end(JSON.stringify({ code: 'UNAUTHORIZED', message: 'send METRICS_TOKEN as a bearer token' }));
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
