import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import websocket from '@fastify/websocket';
import { coalesceWritesPerTurn } from '@nexa/queue';
import { appRouter, createContextFactory, type NexaServices } from '@nexa/router';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { serveWebApp } from './web-app';
import { correlationIdFromHeaders, createLogger, type Logger, type NexaMetrics } from '@nexa/observability';
import { serveMetrics } from './observability/metrics-endpoint';
import { correlateRequests } from './observability/request-correlation';
import { apiCallerFactory } from './http/api-caller';
import { registerRestRoutes, retryAfterHeaders } from './http/api-errors';
import { limitBodies } from './http/body-limit';
import { exportRoutes } from './http/exports';
import { uploadRoutes } from './http/uploads';
import type { Queue } from 'bullmq';
import type { AdminAuthorizer } from './admin/admin-authorizer';
import { serveQueuesDashboard } from './admin/queues-dashboard';
import { serveApiDocs } from './http/rest/api-docs';
import { legacyClassifyRoute } from './http/rest/legacy-classify';
import { restRoutes } from './http/rest/rest-routes';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface BuildServerOptions {
  services: NexaServices;
  readiness: ReadinessCheck[];
  logLevel?: string;
  /** Largest accepted request body and WebSocket message in bytes (default 1 MiB); see `uploadMaxBytes` for the exceptions. */
  bodyLimit?: number;
  /** Browser origins allowed to call the API; none by default. */
  corsOrigins?: string[];
  /** Fastify's `trustProxy` (`TRUST_PROXY`): which proxies' forwarded client address to believe; none by default. */
  trustProxy?: boolean | string | undefined;
  /** A built web app to serve at `/` (see `serveWebApp`); none when absent. */
  webDistDir?: string | null;
  /** Largest upload, and largest body of a batch submission over HTTP (`UPLOAD_MAX_BYTES`). */
  uploadMaxBytes?: number;
  /** Largest total size an uploaded XLSX may unpack to (`XLSX_MAX_UNPACKED_BYTES`). */
  xlsxMaxUnpackedBytes?: number;
  /** The process's pino logger; one is made from `logLevel` when absent. */
  logger?: Logger;
  /** Prometheus metrics served at `/metrics` (bearer `metricsToken` when set); none when absent. */
  metrics?: NexaMetrics;
  metricsToken?: string | undefined;
  /** The bull-board dashboard at `/admin/queues` for these queues, admitted by `authorize`; none when absent. */
  queuesDashboard?: { queues: Queue[]; authorize: AdminAuthorizer };
}

const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export interface NexaServer {
  app: FastifyInstance;
  /** Tells every WebSocket client to reconnect (to this or another instance) and closes the sockets. */
  broadcastReconnect(): void;
}

export const TRPC_PATH = '/trpc';

export async function buildServer({
  services,
  readiness,
  logLevel = 'info',
  bodyLimit = 1024 * 1024,
  corsOrigins = [],
  trustProxy,
  webDistDir = null,
  uploadMaxBytes = DEFAULT_UPLOAD_MAX_BYTES,
  xlsxMaxUnpackedBytes,
  logger,
  metrics,
  metricsToken,
  queuesDashboard,
}: BuildServerOptions): Promise<NexaServer> {
  const app = Fastify({
    // Typed as Fastify's base logger so the instance keeps the plain FastifyInstance type.
    loggerInstance: (logger ?? createLogger({ level: logLevel })) as FastifyBaseLogger,
    genReqId: (request) => correlationIdFromHeaders(request.headers),
    // The largest body any route takes; every other request is held to `bodyLimit` below.
    bodyLimit: Math.max(bodyLimit, uploadMaxBytes),
    // Server-sent event streams never go idle; on close they are cut and clients resume with lastEventId.
    forceCloseConnections: true,
    return503OnClosing: true,
    trustProxy: trustProxy ?? false,
    // A batched tRPC call names every procedure in the path.
    routerOptions: { maxParamLength: 5000 },
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'correlationId' }),
  });

  // Many WebSocket messages leave for one client in the same turn under load (its tasks' events).
  app.server.on('connection', coalesceWritesPerTurn);
  correlateRequests(app);
  if (metrics) serveMetrics(app, { metrics, token: metricsToken });
  const sockets = new Set<WebSocket>();
  await app.register(helmet, {
    // An API answering JSON and event streams: no HTML, so the strictest policy costs nothing.
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
  });
  await app.register(cors, {
    origin: corsOrigins.length > 0 ? corsOrigins : false,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id', 'trpc-accept'],
    maxAge: 600,
  });
  limitBodies(app, bodyLimit);
  // Queries and mutations travel over HTTP; WebSocket messages are subscriptions, small by nature.
  await app.register(websocket, { options: { maxPayload: bodyLimit } });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      readiness.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, `unavailable: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) });
  });

  const createContext = createContextFactory(services);
  // The `/api/...` endpoints take the same credentials as the procedures, from the same headers.
  const callerFor = apiCallerFactory((request) => createContext({ req: request }));
  await registerRestRoutes(app, async (rest) => {
    await uploadRoutes(rest, { callerFor, maxBytes: uploadMaxBytes, maxItems: createContext().batch.maxItems, maxXlsxUnpackedBytes: xlsxMaxUnpackedBytes });
    await exportRoutes(rest, { callerFor });
    await restRoutes(rest, { callerFor });
    await legacyClassifyRoute(rest, { callerFor });
    serveApiDocs(rest);
  });
  if (queuesDashboard) await serveQueuesDashboard(app, queuesDashboard);
  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PATH,
    useWSS: true,
    trpcOptions: {
      router: appRouter,
      createContext,
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        // Only the procedure and the code: never the input, which may hold a password.
        else if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') app.log.info({ path, code: error.code }, 'request refused');
      },
    },
  } satisfies FastifyTRPCPluginOptions<typeof appRouter>);

  if (webDistDir) await serveWebApp(app, webDistDir);

  app.addHook('onReady', async () => {
    app.websocketServer.on('connection', (socket: WebSocket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  });

  return {
    app,
    broadcastReconnect() {
      const notice = JSON.stringify({ id: null, method: 'reconnect' });
      for (const socket of sockets) {
        if (socket.readyState === socket.OPEN) socket.send(notice);
      }
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
