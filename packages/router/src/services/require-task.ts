import type { Actor } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import type { NexaContext } from '../context';

/** Someone else's task answers exactly like a missing one, so task ids reveal nothing. */
export async function requireTask(ctx: NexaContext & { actor: Actor }, taskId: string) {
  const task = await ctx.tasks.getTask(taskId);
  if (!task || (ctx.actor.role !== 'admin' && task.ownerId !== ctx.actor.userId)) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `task ${taskId} not found` });
  }
  return task;
}
