import { eventsInput, submitBatchInput, submitBatchOutput, submitInput, submitOutput, type SubmitOutput, type TaskMessage } from '@nexa/contracts';
import { tracked, TRPCError } from '@trpc/server';
import { coalesceEvents } from '../services/coalesce-events';
import { requireTask } from '../services/require-task';
import { submitBatch } from '../services/submit-batch';
import { streamTaskEvents } from '../services/task-events';

/** Most events one coalesced message of a batch holds. */
const MAX_EVENTS_PER_MESSAGE = 1000;
import { createTRPCRouter, publicProcedure } from '../trpc';

export const classificationRouter = createTRPCRouter({
  submit: publicProcedure
    .input(submitInput)
    .output(submitOutput)
    .mutation(async ({ ctx, input }): Promise<SubmitOutput> => {
      const { reclassify, ...part } = input;
      const known = await ctx.tasks.knownClassifications(part.partnumber);

      if (known.length > 0 && !reclassify) {
        const ref = await ctx.tasks.createSingleTask({ part, reclassify, status: 'done' });
        await ctx.events.append({ type: 'result', taskId: ref.taskId, classification: known[0]! });
        return { taskId: ref.taskId, status: 'done', classifications: known };
      }

      const ref = await ctx.tasks.createSingleTask({ part, reclassify, status: 'queued' });
      try {
        await ctx.events.append({ type: 'queued', taskId: ref.taskId });
        await ctx.queue.enqueue(ref);
      } catch (cause) {
        await ctx.tasks.deleteTask(ref.taskId).catch(() => {});
        throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the job queue is unavailable; nothing was recorded, try again', cause });
      }
      return { taskId: ref.taskId, status: 'queued', classifications: known };
    }),

  submitBatch: publicProcedure
    .input(submitBatchInput)
    .output(submitBatchOutput)
    .mutation(({ ctx, input }) => submitBatch(ctx, input.items, input.reclassify)),

  events: publicProcedure.input(eventsInput).subscription(async function* ({ ctx, input, signal }) {
    const task = await requireTask(ctx, input.taskId);
    const events = streamTaskEvents(ctx, input.taskId, input.lastEventId ?? null, signal);
    if (task.kind === 'single') {
      for await (const stored of events) yield tracked(stored.id, stored.event as TaskMessage);
      return;
    }
    const messages = coalesceEvents(events, { intervalMs: ctx.batch.messageIntervalMs, maxGroupSize: MAX_EVENTS_PER_MESSAGE, signal });
    for await (const { id, message } of messages) yield tracked(id, message);
  }),
});
