import { IdempotencyKeyReusedError, PartnumberInFlightError, type ExistingTask, type NewSingleTask, type submitInput, type SubmitOutput } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { consumeSubmission, type AuthenticatedContext } from './rate-limits';

export type ParsedSubmitInput = z.output<typeof submitInput>;

/**
 * One part: answered from the owner's history, joined to the same partnumber already on its way, or
 * recorded and queued. With an idempotency key, a repeated submission returns the first one's task.
 * A task this call records gets `taskId` when given, and its first event waits for `listening` (a
 * caller opening that task's live feed, so that it misses none of the task's events).
 */
export async function submitSingle(
  ctx: AuthenticatedContext,
  input: ParsedSubmitInput,
  { taskId, listening }: { taskId?: string; listening?: Promise<void> } = {},
): Promise<SubmitOutput> {
  const { reclassify, idempotencyKey, ...part } = input;
  const ownerId = ctx.actor.userId;
  // The budget and both reads at once: one round trip of waiting instead of three. A key that already
  // names a task needs no read of its own: creating the task finds it (IdempotencyKeyReusedError).
  const [, known, inFlight] = await Promise.all([
    consumeSubmission(ctx),
    ctx.tasks.knownClassifications(part.partnumber, { ownerId }),
    ctx.tasks.findInFlightTask(part.partnumber, ownerId),
  ]);

  if (known.length > 0 && !reclassify) {
    const ref = await createOrReuse(ctx, { taskId, ownerId, part, reclassify, status: 'done', idempotencyKey, answeredWith: known[0]!.id });
    if ('existing' in ref) return ref.existing;
    await listening;
    await ctx.events.append({ type: 'result', taskId: ref.taskId, classification: known[0]! });
    return { taskId: ref.taskId, status: 'done', classifications: known };
  }

  // The same partnumber already on its way for this owner: one job, and every watcher follows the same task.
  if (inFlight && !idempotencyKey) return { taskId: inFlight.taskId, status: inFlight.status, classifications: known };

  const ref = await createOrReuse(ctx, { taskId, ownerId, part, reclassify, status: 'queued', idempotencyKey });
  if ('existing' in ref) return ref.existing;
  try {
    await listening;
    await ctx.events.append({ type: 'queued', taskId: ref.taskId });
    await ctx.queue.enqueue(ref);
  } catch (cause) {
    await ctx.tasks.deleteTask(ref.taskId).catch(() => {});
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the job queue is unavailable; nothing was recorded, try again', cause });
  }
  return { taskId: ref.taskId, status: 'queued', classifications: known };
}

/**
 * A caller resuming a submission it already made (the same idempotency key, and the last event it
 * saw): its task, without counting as another submission. Null when the key names no task yet.
 */
export async function resumeSubmission(ctx: AuthenticatedContext, partnumber: string, idempotencyKey: string): Promise<SubmitOutput | null> {
  const existing = await ctx.tasks.findTaskByIdempotencyKey(idempotencyKey, ctx.actor.userId);
  return existing ? answerWithExisting(ctx, existing, partnumber) : null;
}

async function answerWithExisting(ctx: AuthenticatedContext, existing: ExistingTask, partnumber: string): Promise<SubmitOutput> {
  if (existing.partnumber !== partnumber) {
    throw new TRPCError({ code: 'CONFLICT', message: `idempotencyKey was already used for partnumber ${existing.partnumber}` });
  }
  return { taskId: existing.taskId, status: existing.status, classifications: await ctx.tasks.knownClassifications(partnumber, { ownerId: ctx.actor.userId }) };
}

/**
 * Creates the task, or answers with the one a concurrent request made first: with the same idempotency
 * key, or — without a key — for the same partnumber, still on its way.
 */
async function createOrReuse(ctx: AuthenticatedContext, task: NewSingleTask) {
  try {
    return await ctx.tasks.createSingleTask(task);
  } catch (error) {
    if (error instanceof IdempotencyKeyReusedError || error instanceof PartnumberInFlightError) {
      return { existing: await answerWithExisting(ctx, error.existing, task.part.partnumber) };
    }
    throw error;
  }
}
