import websocket from '@fastify/websocket';
import { appRouter, createContextFactory, type NexaServices } from '@nexa/router';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { serveWebApp } from './web-app';
import { apiCallerFactory } from './http/api-caller';
import { exportRoutes } from './http/exports';
import { uploadRoutes } from './http/uploads';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface BuildServerOptions {
  services: NexaServices;
  readiness: ReadinessCheck[];
  logLevel?: string;
  /** A built web app to serve at `/` (see `serveWebApp`); none when absent. */
  webDistDir?: string | null;
  /** Largest upload and largest request body (`UPLOAD_MAX_BYTES`). */
  uploadMaxBytes?: number;
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
  webDistDir = null,
  uploadMaxBytes = DEFAULT_UPLOAD_MAX_BYTES,
}: BuildServerOptions): Promise<NexaServer> {
  const app = Fastify({
    // A batch of 10,000 parts as JSON is larger than Fastify's 1 MiB default.
    bodyLimit: Math.max(uploadMaxBytes, 1024 * 1024),
    logger: { level: logLevel, redact: ['req.headers.authorization'] },
    // Server-sent event streams never go idle; on close they are cut and clients resume with lastEventId.
    forceCloseConnections: true,
    return503OnClosing: true,
    // A batched tRPC call names every procedure in the path.
    routerOptions: { maxParamLength: 5000 },
    logController: new LogController({ disableRequestLogging: true }),
  });

  const sockets = new Set<WebSocket>();
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
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
  const callerFor = apiCallerFactory(() => createContext());
  await uploadRoutes(app, { callerFor, maxBytes: uploadMaxBytes, maxItems: createContext().batch.maxItems });
  await exportRoutes(app, { callerFor });
  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PATH,
    useWSS: true,
    trpcOptions: {
      router: appRouter,
      createContext,
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
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
