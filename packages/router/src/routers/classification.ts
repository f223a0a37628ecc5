import {
  eventsInput,
  IdempotencyKeyReusedError,
  reviewInput,
  reviewOutput,
  submitBatchInput,
  submitBatchOutput,
  submitInput,
  submitOutput,
  type ExistingTask,
  type NewSingleTask,
  type ReviewOutput,
  type SubmitOutput,
  type TaskMessage,
} from '@nexa/contracts';
import { tracked, TRPCError } from '@trpc/server';
import { coalesceEvents } from '../services/coalesce-events';
import { consumeSubmission, type AuthenticatedContext } from '../services/rate-limits';
import { requireTaskAccess } from '../services/require-task';
import { submitBatch } from '../services/submit-batch';
import { streamTaskEvents } from '../services/task-events';
import { createTRPCRouter, protectedProcedure, toTRPCError, visibilityOf } from '../trpc';

/** Most events one coalesced message of a batch holds. */
const MAX_EVENTS_PER_MESSAGE = 1000;

export const classificationRouter = createTRPCRouter({
  submit: protectedProcedure
    .input(submitInput)
    .output(submitOutput)
    .mutation(async ({ ctx, input }): Promise<SubmitOutput> => {
      await consumeSubmission(ctx);

      const { reclassify, idempotencyKey, ...part } = input;
      const ownerId = ctx.actor.userId;
      if (idempotencyKey) {
        const existing = await ctx.tasks.findTaskByIdempotencyKey(idempotencyKey, ownerId);
        if (existing) return answerWithExisting(ctx, existing, part.partnumber);
      }
      // Both reads at once: one database round trip of waiting instead of two.
      const [known, inFlight] = await Promise.all([
        ctx.tasks.knownClassifications(part.partnumber, { ownerId }),
        ctx.tasks.findInFlightTask(part.partnumber, ownerId),
      ]);

      if (known.length > 0 && !reclassify) {
        const ref = await createOrReuse(ctx, { ownerId, part, reclassify, status: 'done', idempotencyKey });
        if ('existing' in ref) return ref.existing;
        await ctx.events.append({ type: 'result', taskId: ref.taskId, classification: known[0]! });
        return { taskId: ref.taskId, status: 'done', classifications: known };
      }

      // The same partnumber already on its way for this owner: one job, and every watcher follows the same task.
      if (inFlight && !idempotencyKey) return { taskId: inFlight.taskId, status: inFlight.status, classifications: known };

      const ref = await createOrReuse(ctx, { ownerId, part, reclassify, status: 'queued', idempotencyKey });
      if ('existing' in ref) return ref.existing;
      try {
        await ctx.events.append({ type: 'queued', taskId: ref.taskId });
        await ctx.queue.enqueue(ref);
      } catch (cause) {
        await ctx.tasks.deleteTask(ref.taskId).catch(() => {});
        throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the job queue is unavailable; nothing was recorded, try again', cause });
      }
      return { taskId: ref.taskId, status: 'queued', classifications: known };
    }),

  submitBatch: protectedProcedure
    .input(submitBatchInput)
    .output(submitBatchOutput)
    .mutation(({ ctx, input }) => submitBatch(ctx, input.items, input.reclassify)),

  events: protectedProcedure.input(eventsInput).subscription(async function* ({ ctx, input, signal }) {
    try {
      const task = await requireTaskAccess(ctx, input.taskId);
      const events = streamTaskEvents(ctx, input.taskId, input.lastEventId ?? null, signal);
      if (task.kind === 'single') {
        for await (const stored of events) yield tracked(stored.id, stored.event as TaskMessage);
        return;
      }
      const messages = coalesceEvents(events, { intervalMs: ctx.batch.messageIntervalMs, maxGroupSize: MAX_EVENTS_PER_MESSAGE, signal });
      for await (const { id, message } of messages) yield tracked(id, message);
    } catch (error) {
      throw toTRPCError(error);
    }
  }),

  review: protectedProcedure
    .input(reviewInput)
    .output(reviewOutput)
    .mutation(async ({ ctx, input }): Promise<ReviewOutput> => {
      const outcome = await ctx.reviews.review({ ...input, actorId: ctx.actor.userId }, visibilityOf(ctx.actor));
      if (outcome.status === 'not_found') throw new TRPCError({ code: 'NOT_FOUND', message: `classification ${input.id} not found` });
      if (outcome.status === 'conflict') throw new TRPCError({ code: 'CONFLICT', message: outcome.message });
      const { classification } = outcome.output;
      if (classification.status === 'APPROVED') {
        // The review is stored either way; the memory can be rebuilt from the approved rows.
        await ctx.approvedMemory
          .remember({ partnumber: classification.partnumber, ncm: classification.ncm, description: classification.description })
          .catch(() => {});
      }
      return outcome.output;
    }),
});

async function answerWithExisting(ctx: AuthenticatedContext, existing: ExistingTask, partnumber: string): Promise<SubmitOutput> {
  if (existing.partnumber !== partnumber) {
    throw new TRPCError({ code: 'CONFLICT', message: `idempotencyKey was already used for partnumber ${existing.partnumber}` });
  }
  return { taskId: existing.taskId, status: existing.status, classifications: await ctx.tasks.knownClassifications(partnumber, { ownerId: ctx.actor.userId }) };
}

/** Creates the task, or — when a concurrent request with the same idempotency key won — answers with that one. */
async function createOrReuse(ctx: AuthenticatedContext, task: NewSingleTask) {
  try {
    return await ctx.tasks.createSingleTask(task);
  } catch (error) {
    if (error instanceof IdempotencyKeyReusedError) return { existing: await answerWithExisting(ctx, error.existing, task.part.partnumber) };
    throw error;
  }
}
