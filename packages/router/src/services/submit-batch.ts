import { IdempotencyKeyReusedError, type BatchItemInput, type CreatedBatch, type RecordedSubmission, type SubmitBatchOutput } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import { consumeBatchItems, consumeSubmission, type AuthenticatedContext } from './rate-limits';

/** Keeps the first line of each partnumber (already trimmed and upper-cased by the schema). */
export function collapseDuplicates(items: readonly BatchItemInput[]): { unique: BatchItemInput[]; duplicates: number } {
  const seen = new Set<string>();
  const unique: BatchItemInput[] = [];
  for (const item of items) {
    if (seen.has(item.partnumber)) continue;
    seen.add(item.partnumber);
    unique.push(item);
  }
  return { unique, duplicates: items.length - unique.length };
}

/**
 * Records one task, owned by the caller, with an item per distinct partnumber, answers known partnumbers
 * from the caller's own history (unless `reclassify`), and queues a fan-out job that queues one job per remaining item in bulk. If the queue refuses,
 * the task is deleted and the caller gets SERVICE_UNAVAILABLE: nothing is half-written.
 */
export async function submitBatch(
  ctx: AuthenticatedContext,
  { items, reclassify, name, idempotencyKey }: { items: readonly BatchItemInput[]; reclassify: boolean; name: string | null; idempotencyKey?: string | undefined },
): Promise<SubmitBatchOutput> {
  const { unique, duplicates } = collapseDuplicates(items);
  if (unique.length > ctx.batch.maxItems) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `items: a batch may hold at most ${ctx.batch.maxItems} distinct partnumbers (got ${unique.length})`,
    });
  }
  const ownerId = ctx.actor.userId;
  // A repeat (a client retrying after a timeout) answers with the first submission's batch, and costs nothing.
  const earlier = idempotencyKey ? await ctx.tasks.findSubmissionByIdempotencyKey(idempotencyKey, ownerId) : null;
  if (earlier) return answerWithEarlierBatch(earlier, duplicates);

  // The whole batch is one submission; its items draw on a budget of their own.
  await consumeSubmission(ctx);
  await consumeBatchItems(ctx, unique.length);

  const known = reclassify ? new Map() : await ctx.tasks.latestKnownClassifications(unique.map((item) => item.partnumber), { ownerId });
  let batch: CreatedBatch;
  try {
    batch = await ctx.tasks.createBatchTask({ ownerId, name, idempotencyKey, items: unique, reclassify, known });
  } catch (error) {
    if (!(error instanceof IdempotencyKeyReusedError)) throw error;
    // A concurrent submission with the same key got there first.
    const winner = await ctx.tasks.findSubmissionByIdempotencyKey(idempotencyKey!, ownerId);
    if (!winner) throw error;
    return answerWithEarlierBatch(winner, duplicates);
  }

  try {
    await ctx.events.append({ type: 'queued', taskId: batch.taskId });
    // Counted as ended items, so the batch's `batch_finished` waits for them like for the workers' items.
    await ctx.events.appendItemEnds(batch.answered.map((answered) => ({ type: 'item_result' as const, taskId: batch.taskId, ...answered })));
    // One job that fans out to a job per item (in bulk) in the worker: accepting 10,000 items stays one Redis write.
    if (batch.queued.length > 0) {
      await ctx.queue.enqueueFanOut(batch.taskId);
    } else {
      await ctx.events.appendBatchFinished(
        { type: 'batch_finished', taskId: batch.taskId, status: 'done', total: unique.length, done: unique.length, failed: 0, cancelled: 0 },
        unique.length,
      );
    }
  } catch (cause) {
    await ctx.tasks.deleteTask(batch.taskId).catch(() => {});
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'the job queue is unavailable; nothing was recorded, try again', cause });
  }
  return {
    taskId: batch.taskId,
    status: batch.status,
    total: unique.length,
    duplicates,
    answeredFromHistory: batch.answered.length,
    queued: batch.queued.length,
  };
}

function answerWithEarlierBatch(earlier: RecordedSubmission, duplicates: number): SubmitBatchOutput {
  if (earlier.kind !== 'batch') throw new TRPCError({ code: 'CONFLICT', message: 'idempotencyKey was already used for a single submission' });
  return {
    taskId: earlier.taskId,
    status: earlier.status,
    total: earlier.itemCount,
    duplicates,
    answeredFromHistory: earlier.answeredFromHistory,
    queued: earlier.itemCount - earlier.answeredFromHistory,
  };
}
