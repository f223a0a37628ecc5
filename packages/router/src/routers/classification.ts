import {
  eventsInput,
  IdempotencyKeyReusedError,
  reviewInput,
  reviewOutput,
  submitInput,
  submitOutput,
  type Actor,
  type ExistingTask,
  type NewSingleTask,
  type ReviewOutput,
  type SubmitOutput,
} from '@nexa/contracts';
import { tracked, TRPCError } from '@trpc/server';
import type { NexaContext } from '../context';
import { requireTask } from '../services/require-task';
import { streamTaskEvents } from '../services/task-events';
import { createTRPCRouter, protectedProcedure, toTRPCError, visibilityOf } from '../trpc';

export const classificationRouter = createTRPCRouter({
  submit: protectedProcedure
    .input(submitInput)
    .output(submitOutput)
    .mutation(async ({ ctx, input }): Promise<SubmitOutput> => {
      // API keys have a budget of their own, so one busy integration cannot starve its owner's interactive use.
      const subject = ctx.actor.apiKeyId ? `apikey:${ctx.actor.apiKeyId}` : `user:${ctx.actor.userId}`;
      const decision = await ctx.submitRateLimiter.consume(`submit:${subject}`);
      if (!decision.allowed) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `too many submissions; try again in ${decision.retryAfterSeconds} s` });
      }

      const { reclassify, idempotencyKey, ...part } = input;
      const ownerId = ctx.actor.userId;
      if (idempotencyKey) {
        const existing = await ctx.tasks.findTaskByIdempotencyKey(idempotencyKey, ownerId);
        if (existing) return answerWithExisting(ctx, existing, part.partnumber);
      }
      const known = await ctx.tasks.knownClassifications(part.partnumber, { ownerId });

      if (known.length > 0 && !reclassify) {
        const ref = await createOrReuse(ctx, { ownerId, part, reclassify, status: 'done', idempotencyKey });
        if ('existing' in ref) return ref.existing;
        await ctx.events.append({ type: 'result', taskId: ref.taskId, classification: known[0]! });
        return { taskId: ref.taskId, status: 'done', classifications: known };
      }

      // The same partnumber already on its way for this owner: one job, and every watcher follows the same task.
      const inFlight = await ctx.tasks.findInFlightTask(part.partnumber, ownerId);
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

  events: protectedProcedure.input(eventsInput).subscription(async function* ({ ctx, input, signal }) {
    try {
      await requireTask(ctx, input.taskId);
      for await (const stored of streamTaskEvents(ctx, input.taskId, input.lastEventId ?? null, signal)) {
        yield tracked(stored.id, stored.event);
      }
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

type AuthenticatedContext = NexaContext & { actor: Actor };

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
