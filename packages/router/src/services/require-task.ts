import { TRPCError } from '@trpc/server';
import type { NexaContext } from '../context';

export async function requireTask(ctx: NexaContext, taskId: string) {
  const task = await ctx.tasks.getTask(taskId);
  if (!task) throw new TRPCError({ code: 'NOT_FOUND', message: `task ${taskId} not found` });
  return task;
}
