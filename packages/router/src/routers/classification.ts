import {
  eventsInput,
  IdempotencyKeyReusedError,
  submitInput,
  submitOutput,
  type ExistingTask,
  type NewSingleTask,
  type SubmitOutput,
} from '@nexa/contracts';
import { tracked, TRPCError } from '@trpc/server';
import type { NexaContext } from '../context';
import { requireTask } from '../services/require-task';
import { streamTaskEvents } from '../services/task-events';
import { createTRPCRouter, publicProcedure, toTRPCError } from '../trpc';

export const classificationRouter = createTRPCRouter({
  submit: publicProcedure
    .input(submitInput)
    .output(submitOutput)
    .mutation(async ({ ctx, input }): Promise<SubmitOutput> => {
      const { reclassify, idempotencyKey, ...part } = input;
      if (idempotencyKey) {
        const existing = await ctx.tasks.findTaskByIdempotencyKey(idempotencyKey);
        if (existing) return answerWithExisting(ctx, existing, part.partnumber);
      }
      const known = await ctx.tasks.knownClassifications(part.partnumber);

      if (known.length > 0 && !reclassify) {
        const ref = await createOrReuse(ctx, { part, reclassify, status: 'done', idempotencyKey });
        if ('existing' in ref) return ref.existing;
        await ctx.events.append({ type: 'result', taskId: ref.taskId, classification: known[0]! });
        return { taskId: ref.taskId, status: 'done', classifications: known };
      }

      // The same partnumber already on its way: one job, and everyone watches the same task.
      const inFlight = await ctx.tasks.findInFlightTask(part.partnumber);
      if (inFlight && !idempotencyKey) return { taskId: inFlight.taskId, status: inFlight.status, classifications: known };

      const ref = await createOrReuse(ctx, { part, reclassify, status: 'queued', idempotencyKey });
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

  events: publicProcedure.input(eventsInput).subscription(async function* ({ ctx, input, signal }) {
    try {
      await requireTask(ctx, input.taskId);
      for await (const stored of streamTaskEvents(ctx, input.taskId, input.lastEventId ?? null, signal)) {
        yield tracked(stored.id, stored.event);
      }
    } catch (error) {
      throw toTRPCError(error);
    }
  }),
});

async function answerWithExisting(ctx: NexaContext, existing: ExistingTask, partnumber: string): Promise<SubmitOutput> {
  if (existing.partnumber !== partnumber) {
    throw new TRPCError({ code: 'CONFLICT', message: `idempotencyKey was already used for partnumber ${existing.partnumber}` });
  }
  return { taskId: existing.taskId, status: existing.status, classifications: await ctx.tasks.knownClassifications(partnumber) };
}

/** Creates the task, or — when a concurrent request with the same idempotency key won — answers with that one. */
async function createOrReuse(ctx: NexaContext, task: NewSingleTask) {
  try {
    return await ctx.tasks.createSingleTask(task);
  } catch (error) {
    if (error instanceof IdempotencyKeyReusedError) return { existing: await answerWithExisting(ctx, error.existing, task.part.partnumber) };
    throw error;
  }
}
