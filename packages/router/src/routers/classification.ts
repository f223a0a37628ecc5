import { randomUUID } from 'node:crypto';
import {
  classifyInput,
  eventsInput,
  reviewInput,
  reviewOutput,
  submitBatchInput,
  submitBatchOutput,
  submitInput,
  submitOutput,
  type ReviewOutput,
  type TaskMessage,
} from '@nexa/contracts';
import { tracked, TRPCError } from '@trpc/server';
import { coalesceEvents } from '../services/coalesce-events';
import { requireNcmInForce } from '../services/require-ncm-in-force';
import { requireTaskAccess } from '../services/require-task';
import { submitBatch } from '../services/submit-batch';
import type { AuthenticatedContext } from '../services/rate-limits';
import { resumeSubmission, submitSingle, type ParsedSubmitInput } from '../services/submit-single';
import { listenToTask, streamTaskEvents } from '../services/task-events';
import { createTRPCRouter, protectedProcedure, toTRPCError, visibilityOf } from '../trpc';

/**
 * Submits a part and streams its task's events. A task this call records gets an id chosen here, and
 * its feed is opened while it is submitted: all its events then arrive live, with no wait for the
 * feed and no read of its log afterwards.
 */
async function submitAndFollow(ctx: AuthenticatedContext, submission: ParsedSubmitInput, signal: AbortSignal | undefined) {
  const listener = listenToTask(ctx, randomUUID());
  const output = await submitSingle(ctx, submission, { taskId: listener.taskId, listening: listener.ready }).catch(async (error: unknown) => {
    await listener.stop();
    throw error;
  });
  const recordedHere = output.taskId === listener.taskId;
  if (!recordedHere) await listener.stop();
  return streamTaskEvents(ctx, output.taskId, null, signal, recordedHere ? { listenedBeforeCreation: listener } : {});
}

/** Most events one coalesced message of a batch holds. */
const MAX_EVENTS_PER_MESSAGE = 1000;

export const classificationRouter = createTRPCRouter({
  submit: protectedProcedure
    .input(submitInput)
    .output(submitOutput)
    .mutation(({ ctx, input }) => submitSingle(ctx, input)),

  submitBatch: protectedProcedure
    .input(submitBatchInput)
    .output(submitBatchOutput)
    .mutation(({ ctx, input }) => submitBatch(ctx, { items: input.items, reclassify: input.reclassify, name: input.name ?? null, idempotencyKey: input.idempotencyKey })),

  events: protectedProcedure.input(eventsInput).subscription(async function* ({ ctx, input, signal }) {
    try {
      const task = await requireTaskAccess(ctx, input.taskId);
      const events = streamTaskEvents(ctx, input.taskId, input.lastEventId ?? null, signal);
      if (task.kind === 'single') {
        for await (const stored of events) yield tracked(stored.id, stored.event as TaskMessage);
        return;
      }
      const messages = coalesceEvents(events, { intervalMs: ctx.batch.messageIntervalMs, maxGroupSize: MAX_EVENTS_PER_MESSAGE, signal });
      for await (const { id, message } of messages) yield tracked(id, message);
    } catch (error) {
      throw toTRPCError(error);
    }
  }),

  /** `submit` and `events` in one call: one message to send a part and follow it to its result. */
  classify: protectedProcedure.input(classifyInput).subscription(async function* ({ ctx, input, signal }) {
    try {
      const { lastEventId, ...submission } = input;
      // A reconnecting client resends its call with the last event it saw: that resumes, it does not submit again.
      const resumed = lastEventId && submission.idempotencyKey ? await resumeSubmission(ctx, submission.partnumber, submission.idempotencyKey) : null;
      const events = resumed ? streamTaskEvents(ctx, resumed.taskId, lastEventId ?? null, signal) : await submitAndFollow(ctx, submission, signal);
      for await (const stored of events) yield tracked(stored.id, stored.event as TaskMessage);
    } catch (error) {
      throw toTRPCError(error);
    }
  }),

  review: protectedProcedure
    .input(reviewInput)
    .output(reviewOutput)
    .mutation(async ({ ctx, input }): Promise<ReviewOutput> => {
      if (input.ncm !== undefined) await requireNcmInForce(ctx.ncm, input.ncm);
      const outcome = await ctx.reviews.review({ ...input, actorId: ctx.actor.userId }, visibilityOf(ctx.actor));
      if (outcome.status === 'not_found') throw new TRPCError({ code: 'NOT_FOUND', message: `classification ${input.id} not found` });
      if (outcome.status === 'conflict') throw new TRPCError({ code: 'CONFLICT', message: outcome.message });
      const { classification, audit } = outcome.output;
      // The review is stored either way: the memory only teaches the engines, the database holds the record.
      if (audit.oldStatus === 'APPROVED') {
        // Whoever approved it, and whoever reviews it now: withdrawing an approval the memory never learned changes nothing.
        await ctx.approvedMemory.withdraw({ classificationId: audit.classificationId, partnumber: audit.partnumber, ncm: audit.oldNcm }).catch(() => {});
      }
      if (classification.status === 'APPROVED' && (ctx.actor.role === 'admin' || ctx.memoryLearnsFrom === 'everyone')) {
        await ctx.approvedMemory
          .remember({ classificationId: classification.id, partnumber: classification.partnumber, ncm: classification.ncm, description: classification.description })
          .catch(() => {});
      }
      return outcome.output;
    }),
});
