import { isTerminalEvent, eventsOfMessage, type Classification, type TaskMessage } from '@nexa/contracts';
import { isTrackedEnvelope } from '@trpc/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiCaller } from '../api-caller';
import { ApiError, sendApiError } from '../api-errors';

/** The earlier system's request body (its field names); validated again by `classification.submit`. */
export const legacyClassifyBody = z.object({
  partnumber: z.string(),
  description: z.string().optional(),
  manufacturer: z.string().optional(),
  supplier: z.string().optional(),
});

/** One classification in the earlier system's shape. */
export const legacyClassification = z.object({
  partnumber: z.string(),
  ncm: z.string().describe('8 digits'),
  description: z.string(),
  fabricante: z.string().nullable().describe('manufacturer'),
  pais: z.string().nullable().describe('country of origin'),
  confidence_score: z.number().min(0).max(1).describe('confidence'),
  justificativa: z.string().nullable().describe('justification'),
  alternativas: z.array(z.object({ ncm: z.string(), description: z.string(), score: z.number() })).describe('alternatives'),
  status: z.string().describe('ACTIVE, APPROVED, REPLACED or REJECTED'),
  engine: z.string(),
  created_at: z.string(),
});
export const legacyClassifyAnswer = z.object({
  task_id: z.string(),
  status: z.string().describe('queued, processing, done, failed or cancelled'),
  classifications: z.array(legacyClassification),
  error: z.string().nullable().optional(),
});
type LegacyAnswer = z.infer<typeof legacyClassifyAnswer>;

export const toLegacyClassification = (c: Classification): z.infer<typeof legacyClassification> => ({
  partnumber: c.partnumber,
  ncm: c.ncm,
  description: c.description,
  fabricante: c.manufacturer,
  pais: c.country,
  confidence_score: c.confidence,
  justificativa: c.justification,
  alternativas: c.alternatives,
  status: c.status,
  engine: c.engine,
  created_at: c.createdAt,
});

const MAX_WAIT_SECONDS = 60;

/**
 * `POST /classify-partnumber`, for clients of the earlier system. Answers at once with what is known;
 * `?wait=<seconds>` (≤ 60) waits that long for the classification to finish first.
 */
export async function legacyClassifyRoute(app: FastifyInstance, { callerFor }: { callerFor(request: FastifyRequest, options?: { signal?: AbortSignal }): Promise<ApiCaller> }) {
  app.post<{ Querystring: { wait?: string } }>('/classify-partnumber', async (request, reply) => {
    const abort = new AbortController();
    reply.raw.once('close', () => abort.abort());
    try {
      const body = legacyClassifyBody.safeParse(request.body);
      if (!body.success) {
        const fieldErrors = body.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        return reply.code(400).send({ code: 'BAD_REQUEST', message: fieldErrors.map((f) => `${f.path || 'body'}: ${f.message}`).join('; '), fieldErrors });
      }
      const wait = request.query.wait === undefined ? 0 : Number(request.query.wait);
      if (!Number.isFinite(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) throw new ApiError(400, 'BAD_REQUEST', `wait must be between 0 and ${MAX_WAIT_SECONDS} seconds`);

      const caller = await callerFor(request, { signal: abort.signal });
      const submitted = await caller.classification.submit(body.data);
      const answer: LegacyAnswer = { task_id: submitted.taskId, status: submitted.status, classifications: submitted.classifications.map(toLegacyClassification) };
      if (submitted.status === 'done' || wait === 0) return reply.code(submitted.status === 'done' ? 200 : 202).send(answer);

      const deadline = setTimeout(() => abort.abort(), wait * 1000);
      try {
        const stream = (await caller.classification.events({ taskId: submitted.taskId })) as AsyncIterable<unknown>;
        for await (const envelope of stream) {
          if (!isTrackedEnvelope(envelope)) continue;
          const events = eventsOfMessage(envelope[1] as TaskMessage);
          const last = events.find(isTerminalEvent);
          if (!last) continue;
          if (last.type === 'result') return reply.code(200).send({ ...answer, status: 'done', classifications: [toLegacyClassification(last.classification)] });
          if (last.type === 'failed') return reply.code(200).send({ ...answer, status: 'failed', error: last.error });
          break;
        }
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      } finally {
        clearTimeout(deadline);
      }
      const task = await (await callerFor(request)).task.get({ taskId: submitted.taskId });
      return reply.code(task.status === 'done' ? 200 : 202).send({ ...answer, status: task.status, classifications: task.classifications.map(toLegacyClassification) });
    } catch (error) {
      return sendApiError(request, reply, error);
    }
  });
}
