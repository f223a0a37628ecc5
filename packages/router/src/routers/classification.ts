import { eventsInput, submitInput, submitOutput, type SubmitOutput } from '@nexa/contracts';
import { tracked, TRPCError } from '@trpc/server';
import { requireTask } from '../services/require-task';
import { streamTaskEvents } from '../services/task-events';
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

  events: publicProcedure.input(eventsInput).subscription(async function* ({ ctx, input, signal }) {
    await requireTask(ctx, input.taskId);
    for await (const stored of streamTaskEvents(ctx, input.taskId, input.lastEventId ?? null, signal)) {
      yield tracked(stored.id, stored.event);
    }
  }),
});
