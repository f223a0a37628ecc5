import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

export const QUEUES_DASHBOARD_PATH = '/admin/queues';

/** `ok`: an admin; `unauthorized`: no or unknown credential (401); `forbidden`: known but not an admin (403). */
export type AdminVerdict = 'ok' | 'unauthorized' | 'forbidden';
export type AdminAuthorizer = (credential: string, request: FastifyRequest) => Promise<AdminVerdict>;

/**
 * The credential of a request: the password of HTTP Basic auth (what a browser asks for when it
 * opens the dashboard; the user name is ignored) or a bearer token (for scripts).
 */
export function adminCredentialOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return bearer[1]!.trim();
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

/** Admits exactly one shared secret (`ADMIN_TOKEN`). */
export function adminTokenAuthorizer(token: string): AdminAuthorizer {
  const expected = Buffer.from(token);
  return async (credential) => {
    const given = Buffer.from(credential);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'unauthorized';
  };
}

/** bull-board at `/admin/queues`, for admins only: every request under it (pages, assets, API) is checked. */
export async function serveQueuesDashboard(app: FastifyInstance, { queues, authorize }: { queues: Queue[]; authorize: AdminAuthorizer }) {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Nexa queues' } } });

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const credential = adminCredentialOf(request);
      const verdict = credential ? await authorize(credential, request) : 'unauthorized';
      if (verdict === 'ok') return;
      if (verdict === 'unauthorized') reply.header('www-authenticate', 'Basic realm="Nexa admin", charset="UTF-8"');
      return reply
        .code(verdict === 'forbidden' ? 403 : 401)
        .send({ code: verdict === 'forbidden' ? 'FORBIDDEN' : 'UNAUTHORIZED', message: verdict === 'forbidden' ? 'admins only' : 'sign in as an admin' });
    });
    await scope.register(adapter.registerPlugin(), { prefix: QUEUES_DASHBOARD_PATH });
  });
}
