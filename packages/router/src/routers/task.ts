import { taskDetails, taskGetInput } from '@nexa/contracts';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { requireTask } from '../services/require-task';

export const taskRouter = createTRPCRouter({
  get: publicProcedure
    .input(taskGetInput)
    .output(taskDetails)
    .query(({ ctx, input }) => requireTask(ctx, input.taskId)),
});
