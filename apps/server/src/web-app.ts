import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `pnpm --filter @nexa/web build` puts the app in this checkout. */
export const DEFAULT_WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Paths that belong to the API: never answered with the app's index.html. */
const API_PREFIXES = ['/trpc', '/api', '/healthz', '/readyz', '/metrics', '/admin', '/classify-partnumber'];
const isApiPath = (url: string) => API_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));
/**
 * The API answers with `default-src 'none'`; the app's page needs its own scripts, styles and the
 * same-origin API (HTTP and WebSocket), and nothing else.
 */
const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
/** `/assets/gone.js`: a missing file, not a screen of the app. */
const looksLikeFile = (url: string) => /\.[a-z0-9]+$/i.test(url.split('?')[0]!);

/**
 * Serves the built web app from `root`: its hashed assets cached for good, and index.html for any
 * other GET that is not an API path, so `/tasks/<id>` opened or reloaded in the browser lands in the app.
 * Returns false (and serves nothing) when there is no built app.
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<boolean> {
  const absolute = path.resolve(root);
  if (!existsSync(path.join(absolute, 'index.html'))) return false;

  await app.register(fastifyStatic, {
    root: absolute,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-cache').header('content-security-policy', APP_CONTENT_SECURITY_POLICY).type('text/html').sendFile('index.html');
  app.get('/', (_request, reply) => sendIndex(reply));

  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !isApiPath(request.url) && !looksLikeFile(request.url)) return sendIndex(reply);
    return reply.code(404).send({ error: 'Not Found', message: `Route ${request.method}:${request.url} not found`, statusCode: 404 });
  });
  return true;
}
