import { taskDeleteInput, taskDetails, taskGetInput, taskListInput, taskListOutput } from '@nexa/contracts';
import { z } from 'zod';
import { requireTask } from '../services/require-task';
import { createTRPCRouter, protectedProcedure, visibilityOf } from '../trpc';

export const taskRouter = createTRPCRouter({
  get: protectedProcedure
    .input(taskGetInput)
    .output(taskDetails)
    .query(({ ctx, input }) => requireTask(ctx, input.taskId)),

  list: protectedProcedure
    .input(taskListInput)
    .output(taskListOutput)
    .query(({ ctx, input }) => ctx.tasks.listTasks({ visibility: visibilityOf(ctx.actor), status: input.status, cursor: input.cursor, limit: input.limit })),

  delete: protectedProcedure
    .input(taskDeleteInput)
    .output(z.object({ taskId: z.string(), deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await requireTask(ctx, input.taskId);
      await ctx.tasks.deleteTask(input.taskId);
      return { taskId: input.taskId, deleted: true as const };
    }),
});
