import { correlationIdFromHeaders } from '@nexa/observability';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  aiBatchRequest,
  aiSingleRequest,
  type AiBatchResult,
  type AiErrorBody,
  type AiProgressMessage,
} from '@nexa/contracts';
import type { ReferenceEngine } from '@nexa/engine';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ZodError } from 'zod';
import { classifyWithEngine, NoCandidateError } from './engine-result';

/** Where progress messages go: a Redis connection's PUBLISH. */
export interface ProgressPublisher {
  publish(channel: string, message: string): Promise<unknown>;
  /** False while the connection is down: jobs are then refused with 503 instead of running unheard. */
  isReady(): boolean;
}

export interface AiServerOptions {
  engine: ReferenceEngine;
  publisher: ProgressPublisher;
  /** When set, `/process/*` requires `Authorization: Bearer <token>`. */
  token?: string | undefined;
  logLevel?: string;
  /** How long one HTTP request may take to arrive and be answered. */
  requestTimeoutMs?: number;
}

export interface AiServer {
  app: FastifyInstance;
  /** Jobs accepted and not finished yet. */
  runningJobs(): number;
  /** Waits until every accepted job has published its last message. */
  drain(): Promise<void>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

function describeIssues(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || 'body', message: issue.message }));
}

function sendError(reply: FastifyReply, status: number, body: AiErrorBody) {
  return reply.code(status).send(body);
}

/** The reference AI server: accepts jobs over HTTP (202), classifies them, and publishes progress and results on Redis. */
export async function buildAiServer({ engine, publisher, token, logLevel = 'info', requestTimeoutMs = 15_000 }: AiServerOptions): Promise<AiServer> {
  const app = Fastify({
    logger: { level: logLevel, redact: ['req.headers.authorization'] },
    // The worker sends its job's correlation id: this server's log lines for the call carry it.
    genReqId: (request) => correlationIdFromHeaders(request.headers),
    requestTimeout: requestTimeoutMs,
    connectionTimeout: requestTimeoutMs,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'correlationId' }),
  });
  const running = new Set<Promise<void>>();
  const expectedToken = token ? sha256(`Bearer ${token}`) : null;

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      app.log.error({ err: error }, 'request failed');
      return sendError(reply, status, { error: 'internal', message: 'internal error' });
    }
    return sendError(reply, status, { error: 'bad_request', message: error.message });
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, { error: 'not_found', message: `no route ${request.method} ${request.url}` }));

  app.addHook('onRequest', async (request, reply) => {
    if (!expectedToken || !request.url.startsWith('/process/')) return;
    const given = sha256(request.headers.authorization ?? '');
    if (!timingSafeEqual(given, expectedToken)) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(reply, 401, { error: 'unauthorized', message: 'missing or wrong Authorization: Bearer token' });
    }
  });

  app.get('/healthz', async () => ({ status: 'ok', engine: 'nexa-reference', tableVersion: engine.tableVersion, codes: engine.size }));

  function publish(channel: string, message: AiProgressMessage) {
    return publisher.publish(channel, JSON.stringify(message));
  }

  function run(jobId: string, work: () => Promise<void>) {
    const job = (async () => {
      // Let the 202 go out before the first message, as a queued job on a real AI server would.
      await new Promise((resolve) => setImmediate(resolve));
      await work();
    })().catch((error: unknown) => app.log.error({ err: error, jobId }, 'could not publish a job message'));
    running.add(job);
    void job.finally(() => running.delete(job));
  }

  const refuseWhenUnavailable = (reply: FastifyReply) =>
    publisher.isReady() ? null : sendError(reply, 503, { error: 'unavailable', message: 'progress channel (Redis) is unavailable; try again' });

  app.post('/process/single_partnumber', async (request, reply) => {
    const parsed = aiSingleRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { error: 'bad_request', message: 'invalid single_partnumber request', issues: describeIssues(parsed.error) });
    const unavailable = refuseWhenUnavailable(reply);
    if (unavailable) return unavailable;
    const { progress_channel: channel, ...part } = parsed.data;
    const jobId = randomUUID();
    run(jobId, async () => {
      await publish(channel, { status: 'processing', job_id: jobId, progress: { current: 1, total: 2, message: 'Searching the NCM table' } });
      let result;
      try {
        result = classifyWithEngine(engine, part);
      } catch (error) {
        await publish(channel, { status: 'failed', job_id: jobId, error: (error as Error).message, ...(error instanceof NoCandidateError ? { retryable: false } : {}) });
        return;
      }
      await publish(channel, { status: 'processing', job_id: jobId, progress: { current: 2, total: 2, message: 'Choosing the NCM code' } });
      await publish(channel, { status: 'done', job_id: jobId, result });
    });
    return reply.code(202).send({ job_id: jobId });
  });

  app.post('/process/batch_partnumbers', async (request, reply) => {
    const parsed = aiBatchRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, { error: 'bad_request', message: 'invalid batch_partnumbers request', issues: describeIssues(parsed.error) });
    const unavailable = refuseWhenUnavailable(reply);
    if (unavailable) return unavailable;
    const { progress_channel: channel, partnumbers } = parsed.data;
    const jobId = randomUUID();
    run(jobId, async () => {
      const parts = Object.entries(partnumbers);
      const total = parts.length;
      const batch: AiBatchResult = { results: {}, errors: {} };
      let retryable = false;
      for (const [index, [partnumber, fields]] of parts.entries()) {
        await publish(channel, { status: 'processing', job_id: jobId, progress: { current: index, total, message: `Classifying ${partnumber}` } });
        try {
          const single = classifyWithEngine(engine, { partnumber, ...fields });
          batch.results[partnumber] = single;
          await publish(channel, { status: 'partial_result', job_id: jobId, current: index + 1, total, message: `Classified ${partnumber}`, single_classification: single });
        } catch (error) {
          batch.errors[partnumber] = (error as Error).message;
          retryable ||= !(error instanceof NoCandidateError);
        }
        // Keep the event loop free for other requests between parts.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (Object.keys(batch.results).length === 0) {
        const error = `no partnumber could be classified: ${Object.values(batch.errors).join('; ')}`;
        await publish(channel, { status: 'failed', job_id: jobId, error, ...(retryable ? {} : { retryable: false }) });
      } else {
        await publish(channel, { status: 'done', job_id: jobId, result: batch });
      }
    });
    return reply.code(202).send({ job_id: jobId });
  });

  return {
    app,
    runningJobs: () => running.size,
    async drain() {
      await Promise.all([...running]);
    },
  };
}
