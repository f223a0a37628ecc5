import { terminalTaskStatuses, type TaskMessage } from '@nexa/contracts';
import { isTrackedEnvelope } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiCaller } from '../api-caller';
import { sendApiError } from '../api-errors';
import { withIdempotencyKeyHeader } from '../idempotency-key-header';

export interface RestRoutesOptions {
  callerFor(request: FastifyRequest, options?: { signal?: AbortSignal }): Promise<ApiCaller>;
  /** How often an idle event stream sends a comment line, so proxies keep it open. */
  keepAliveMs?: number;
}

/** Queued work answers 202 Accepted; a task already answered from history answers 200. */
const statusOf = (task: { status: string }) => (task.status === 'done' ? 200 : 202);

type QueryString = Record<string, string | undefined>;

/** Query parameters as a procedure's input: `numeric` ones of digits become numbers (anything else is left for the schema to refuse); absent ones are left out, so defaults apply. */
function inputOfQuery(query: QueryString, numeric: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, numeric.includes(name) && /^\d+$/.test(value!) ? Number(value) : value]),
  );
}

/** The stream's messages, once its first one has come; `null` when it ended without any. */
async function afterFirstMessage<T>(stream: AsyncIterable<T>): Promise<AsyncIterable<T> | null> {
  const messages = stream[Symbol.asyncIterator]();
  const first = await messages.next();
  if (first.done) return null;
  return (async function* () {
    yield first.value;
    yield* { [Symbol.asyncIterator]: () => messages };
  })();
}

/**
 * The core procedures as plain REST under `/api` (for clients without tRPC): each route calls the
 * tRPC procedure through the caller, so input rules, errors and authorization are the procedures' own.
 */
export async function restRoutes(app: FastifyInstance, { callerFor, keepAliveMs = 15_000 }: RestRoutesOptions) {
  app.post(
    '/api/classifications',
    async (request, reply) => {
      const task = await (await callerFor(request)).classification.submit(withIdempotencyKeyHeader(request) as never);
      return reply.code(statusOf(task)).send(task);
    },
  );

  app.post(
    '/api/batches',
    async (request, reply) => {
      const task = await (await callerFor(request)).classification.submitBatch(withIdempotencyKeyHeader(request) as never);
      return reply.code(statusOf(task)).send(task);
    },
  );

  app.get<{ Params: { taskId: string } }>(
    '/api/tasks/:taskId',
    async (request: FastifyRequest<{ Params: { taskId: string } }>, reply) => reply.send(await (await callerFor(request)).task.get({ taskId: request.params.taskId })),
  );

  app.get<{ Params: { taskId: string }; Querystring: QueryString }>(
    '/api/tasks/:taskId/items',
    async (request: FastifyRequest<{ Params: { taskId: string }; Querystring: QueryString }>, reply) => {
      const { cursor, limit, filter } = request.query;
      const input = { ...inputOfQuery({ cursor, limit, filter }, ['cursor', 'limit']), taskId: request.params.taskId };
      return reply.send(await (await callerFor(request)).task.items(input as never));
    },
  );

  app.get<{ Querystring: QueryString }>(
    '/api/tasks',
    async (request: FastifyRequest<{ Querystring: QueryString }>, reply) => {
      const { status, cursor, limit } = request.query;
      return reply.send(await (await callerFor(request)).task.list(inputOfQuery({ status, cursor, limit }, ['limit']) as never));
    },
  );

  app.post<{ Params: { taskId: string } }>(
    '/api/tasks/:taskId/cancel',
    async (request: FastifyRequest<{ Params: { taskId: string } }>, reply) => reply.send(await (await callerFor(request)).task.cancel({ taskId: request.params.taskId })),
  );

  app.delete<{ Params: { taskId: string } }>(
    '/api/tasks/:taskId',
    async (request: FastifyRequest<{ Params: { taskId: string } }>, reply) => reply.send(await (await callerFor(request)).task.delete({ taskId: request.params.taskId })),
  );

  app.get<{ Params: { code: string } }>(
    '/api/ncm/:code',
    async (request: FastifyRequest<{ Params: { code: string } }>, reply) => reply.send(await (await callerFor(request)).ncm.get({ code: request.params.code })),
  );

  app.get<{ Querystring: QueryString }>(
    '/api/ncm',
    async (request: FastifyRequest<{ Querystring: QueryString }>, reply) => {
      const { query, limit } = request.query;
      return reply.send(await (await callerFor(request)).ncm.search(inputOfQuery({ query, limit }, ['limit']) as never));
    },
  );

  // Server-sent events: `id:` is the event id; reconnecting with `Last-Event-ID` (or `?lastEventId=`) resumes after it.
  app.get<{ Params: { taskId: string }; Querystring: { lastEventId?: string } }>('/api/tasks/:taskId/events', async (request, reply) => {
    const abort = new AbortController();
    let stream: AsyncIterable<unknown>;
    try {
      const lastEventId = (request.headers['last-event-id'] as string | undefined) ?? request.query.lastEventId ?? null;
      const input = { taskId: request.params.taskId, lastEventId };
      const caller = await callerFor(request, { signal: abort.signal });
      // Answers 400/401/404 as JSON before the stream starts.
      const task = await caller.task.get({ taskId: request.params.taskId });
      stream = (await caller.classification.events(input as never)) as AsyncIterable<unknown>;
      if (terminalTaskStatuses.includes(task.status)) {
        // An ended task's replay comes at once. With nothing left to send, 204 tells an EventSource to stop
        // reconnecting (a 200 would have it resume after its last event again and again).
        const remaining = await afterFirstMessage(stream);
        if (!remaining) return reply.code(204).send();
        stream = remaining;
      }
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

