import type { TaskMessage } from '@nexa/contracts';
import { isTrackedEnvelope } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiCaller } from '../api-caller';
import { sendApiError } from '../api-errors';

export interface RestRoutesOptions {
  callerFor(request: FastifyRequest, options?: { signal?: AbortSignal }): Promise<ApiCaller>;
  /** How often an idle event stream sends a comment line, so proxies keep it open. */
  keepAliveMs?: number;
}

/** Queued work answers 202 Accepted; a task already answered from history answers 200. */
const statusOf = (task: { status: string }) => (task.status === 'done' ? 200 : 202);

/**
 * The core procedures as plain REST under `/api` (for clients without tRPC): each route calls the
 * tRPC procedure through the caller, so input rules, errors and authorization are the procedures' own.
 */
export async function restRoutes(app: FastifyInstance, { callerFor, keepAliveMs = 15_000 }: RestRoutesOptions) {
  const handle =
    <R extends FastifyRequest>(work: (request: R, reply: FastifyReply) => Promise<unknown>) =>
    async (request: R, reply: FastifyReply) => {
      try {
        return await work(request, reply);
      } catch (error) {
        return sendApiError(request, reply, error);
      }
    };

  app.post(
    '/api/classifications',
    handle(async (request, reply) => {
      const task = await (await callerFor(request)).classification.submit(request.body as never);
      return reply.code(statusOf(task)).send(task);
    }),
  );

  app.post(
    '/api/batches',
    handle(async (request, reply) => {
      const task = await (await callerFor(request)).classification.submitBatch(request.body as never);
      return reply.code(statusOf(task)).send(task);
    }),
  );

  app.get<{ Params: { taskId: string } }>(
    '/api/tasks/:taskId',
    handle(async (request: FastifyRequest<{ Params: { taskId: string } }>, reply) => reply.send(await (await callerFor(request)).task.get({ taskId: request.params.taskId }))),
  );

  app.get<{ Params: { code: string } }>(
    '/api/ncm/:code',
    handle(async (request: FastifyRequest<{ Params: { code: string } }>, reply) => reply.send(await (await callerFor(request)).ncm.get({ code: request.params.code }))),
  );

  app.get<{ Querystring: { query?: string; limit?: string } }>(
    '/api/ncm',
    handle(async (request: FastifyRequest<{ Querystring: { query?: string; limit?: string } }>, reply) => {
      const { query, limit } = request.query;
      const input = { query, ...(limit !== undefined ? { limit: /^\d+$/.test(limit) ? Number(limit) : limit } : {}) };
      return reply.send(await (await callerFor(request)).ncm.search(input as never));
    }),
  );

  // Server-sent events: `id:` is the event id; reconnecting with `Last-Event-ID` (or `?lastEventId=`) resumes after it.
  app.get<{ Params: { taskId: string }; Querystring: { lastEventId?: string } }>('/api/tasks/:taskId/events', async (request, reply) => {
    const abort = new AbortController();
    let stream: AsyncIterable<unknown>;
    try {
      const lastEventId = (request.headers['last-event-id'] as string | undefined) ?? request.query.lastEventId ?? null;
      const input = { taskId: request.params.taskId, lastEventId };
      const caller = await callerFor(request, { signal: abort.signal });
      // Answers 400/404 (and, with accounts, 401/403) as JSON before the stream starts.
      await caller.task.get({ taskId: request.params.taskId });
      stream = (await caller.classification.events(input as never)) as AsyncIterable<unknown>;
    } catch (error) {
      return sendApiError(request, reply, error);
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...Object.fromEntries(Object.entries(reply.getHeaders()).map(([key, value]) => [key, String(value)])),
    });
    raw.write('retry: 1000\n\n');
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), keepAliveMs);
    reply.raw.once('close', () => abort.abort());
    try {
      for await (const envelope of stream) {
        if (!isTrackedEnvelope(envelope)) continue;
        const [id, message] = envelope as unknown as [string, TaskMessage];
        raw.write(`id: ${id}\nevent: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`);
      }
    } catch (error) {
      if (!abort.signal.aborted) {
        request.log.warn({ err: error }, 'event stream failed');
        raw.write(`event: error\ndata: ${JSON.stringify({ code: 'STREAM_FAILED', message: 'the event stream failed; reconnect with Last-Event-ID' })}\n\n`);
      }
    } finally {
      clearInterval(keepAlive);
      abort.abort();
      raw.end();
    }
  });
}

