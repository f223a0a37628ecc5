import {
  ITEMS_PAGE_DEFAULT,
  taskCancelInput,
  taskCancelOutput,
  taskGetInput,
  taskItemsInput,
  taskItemsPage,
  taskView,
  type TaskCancelOutput,
  type TaskView,
} from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import { requireTask } from '../services/require-task';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const taskRouter = createTRPCRouter({
  get: publicProcedure
    .input(taskGetInput)
    .output(taskView)
    .query(async ({ ctx, input }): Promise<TaskView> => {
      const task = await requireTask(ctx, input.taskId);
      const page = await ctx.tasks.listItems(task.id, null, ITEMS_PAGE_DEFAULT);
      return { ...task, items: page.items, nextItemsCursor: page.nextCursor };
    }),

  items: publicProcedure
    .input(taskItemsInput)
    .output(taskItemsPage)
    .query(async ({ ctx, input }) => {
      await requireTask(ctx, input.taskId);
      return ctx.tasks.listItems(input.taskId, input.cursor ?? null, input.limit);
    }),

  cancel: publicProcedure
    .input(taskCancelInput)
    .output(taskCancelOutput)
    .mutation(async ({ ctx, input }): Promise<TaskCancelOutput> => {
      const outcome = await ctx.tasks.cancelTask(input.taskId, async ({ counts: { total, done, failed, cancelled } }) => {
        await ctx.events.append({ type: 'cancelled', taskId: input.taskId, total, done, failed, cancelled });
      });
      if (!outcome) throw new TRPCError({ code: 'NOT_FOUND', message: `task ${input.taskId} not found` });
      // Best effort: a job left behind finds its item cancelled and does nothing.
      if (outcome.cancelledItemIds.length > 0) await ctx.queue.removeJobs(outcome.cancelledItemIds).catch(() => {});
      return { taskId: input.taskId, cancelled: outcome.cancelled, status: outcome.status, counts: outcome.counts };
    }),
});
