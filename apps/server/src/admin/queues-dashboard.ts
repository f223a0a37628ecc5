import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { adminCredentialOf, type AdminAuthorizer, type AdminVerdict } from './admin-authorizer';

export const QUEUES_DASHBOARD_PATH = '/admin/queues';

const REFUSALS = {
  unauthorized: { status: 401, code: 'UNAUTHORIZED', message: "sign in with an admin account's email and password" },
  forbidden: { status: 403, code: 'FORBIDDEN', message: 'admins only' },
  rate_limited: { status: 429, code: 'TOO_MANY_REQUESTS', message: 'too many sign-in attempts for this account; try again later' },
} as const;

/** bull-board at `/admin/queues`, for admins only: every request under it (pages, assets, API) is checked. */
export async function serveQueuesDashboard(app: FastifyInstance, { queues, authorize }: { queues: Queue[]; authorize: AdminAuthorizer }) {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Nexa queues' } } });

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const credential = adminCredentialOf(request);
      let verdict: AdminVerdict;
      try {
        verdict = credential ? await authorize(credential) : 'unauthorized';
      } catch (error) {
        request.log.warn({ err: error }, 'admin sign-in could not be checked');
        return reply.code(503).send({ code: 'SERVICE_UNAVAILABLE', message: 'sign-in cannot be checked right now; try again' });
      }
      if (verdict === 'ok') return;
      const { status, code, message } = REFUSALS[verdict];
      if (verdict === 'unauthorized') reply.header('www-authenticate', 'Basic realm="Nexa admin", charset="UTF-8"');
      return reply.code(status).send({ code, message });
    });
    await scope.register(adapter.registerPlugin(), { prefix: QUEUES_DASHBOARD_PATH });
  });
}
