import type { Actor, TaskAccess } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import type { NexaContext } from '../context';

type Caller = NexaContext & { actor: Actor };

function visibleTo<T extends { ownerId: string | null }>(ctx: Caller, taskId: string, task: T | null): T {
  // Someone else's task answers exactly like a missing one, so task ids reveal nothing.
  if (!task || (ctx.actor.role !== 'admin' && task.ownerId !== ctx.actor.userId)) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `task ${taskId} not found` });
  }
  return task;
}

/** The task with its counts and classifications, if the caller may see it. */
export async function requireTask(ctx: Caller, taskId: string) {
  return visibleTo(ctx, taskId, await ctx.tasks.getTask(taskId));
}

/** Only the task's owner, kind and status (one row), if the caller may see it: for procedures that need no more. */
export async function requireTaskAccess(ctx: Caller, taskId: string): Promise<TaskAccess> {
  return visibleTo(ctx, taskId, await ctx.tasks.taskAccess(taskId));
}
