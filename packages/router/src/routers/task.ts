import {
  decodeTaskListCursor,
  ITEMS_PAGE_DEFAULT,
  taskCancelInput,
  taskCancelOutput,
  taskDeleteInput,
  taskDeleteOutput,
  taskGetInput,
  taskItemsInput,
  taskItemsPage,
  taskListInput,
  taskListOutput,
  taskView,
  type TaskCancelOutput,
  type TaskView,
} from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import { requireTask, requireTaskAccess } from '../services/require-task';
import { createTRPCRouter, protectedProcedure, visibilityOf } from '../trpc';

export const taskRouter = createTRPCRouter({
  get: protectedProcedure
    .input(taskGetInput)
    .output(taskView)
    .query(async ({ ctx, input }): Promise<TaskView> => {
      const task = await requireTask(ctx, input.taskId);
      const page = await ctx.tasks.listItems(task.id, null, ITEMS_PAGE_DEFAULT);
      return { ...task, items: page.items, nextItemsCursor: page.nextCursor };
    }),

  items: protectedProcedure
    .input(taskItemsInput)
    .output(taskItemsPage)
    .query(async ({ ctx, input }) => {
      await requireTaskAccess(ctx, input.taskId);
      return ctx.tasks.listItems(input.taskId, input.cursor ?? null, input.limit, input.filter);
    }),

  list: protectedProcedure
    .input(taskListInput)
    .output(taskListOutput)
    .query(({ ctx, input }) =>
      ctx.tasks.listTasks({ visibility: visibilityOf(ctx.actor), status: input.status, after: input.cursor ? decodeTaskListCursor(input.cursor) : null, limit: input.limit }),
    ),

  cancel: protectedProcedure
    .input(taskCancelInput)
    .output(taskCancelOutput)
    .mutation(async ({ ctx, input }): Promise<TaskCancelOutput> => {
      await requireTaskAccess(ctx, input.taskId);
      const outcome = await ctx.tasks.cancelTask(input.taskId);
      if (!outcome) throw new TRPCError({ code: 'NOT_FOUND', message: `task ${input.taskId} not found` });
      if (outcome.cancelled) {
        const { total, done, failed, cancelled } = outcome.counts;
        await ctx.events.append({ type: 'cancelled', taskId: input.taskId, total, done, failed, cancelled });
      }
      // Best effort: a job left behind finds its item cancelled and does nothing.
      if (outcome.cancelledItemIds.length > 0) await ctx.queue.removeJobs(outcome.cancelledItemIds).catch(() => {});
      return { taskId: input.taskId, cancelled: outcome.cancelled, status: outcome.status, counts: outcome.counts };
    }),

  delete: protectedProcedure
    .input(taskDeleteInput)
    .output(taskDeleteOutput)
    .mutation(async ({ ctx, input }) => {
      await requireTaskAccess(ctx, input.taskId);
      if (!(await ctx.tasks.deleteTask(input.taskId))) throw new TRPCError({ code: 'NOT_FOUND', message: `task ${input.taskId} not found` });
      return { taskId: input.taskId, deleted: true as const };
    }),
});
