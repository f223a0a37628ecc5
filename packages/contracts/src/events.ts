import { z } from 'zod';
import { batchCounts } from './batch';
import { classification } from './classification';
import { submitInput } from './task';
import { taskId } from './task-status';

/** A Redis stream entry id (`<ms>-<seq>`): events are ordered and resumable by it. */
export const eventId = z.string().regex(/^\d+-\d+$/, 'lastEventId must look like 1700000000000-0');

const base = { taskId, at: z.string() };
const itemRef = { itemId: z.string().uuid(), seq: z.number().int().positive(), partnumber: z.string() };
const endCounts = batchCounts.pick({ total: true, done: true, failed: true, cancelled: true });

export const queuedEvent = z.object({ type: z.literal('queued'), ...base });
export const progressEvent = z.object({
  type: z.literal('progress'),
  ...base,
  current: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  message: z.string(),
});
export const resultEvent = z.object({ type: z.literal('result'), ...base, classification });
export const failedEvent = z.object({ type: z.literal('failed'), ...base, error: z.string() });

/** Batch: one item stored its classification (or was answered from history at submission). */
export const itemResultEvent = z.object({ type: z.literal('item_result'), ...base, ...itemRef, classification });
/** Batch: one item failed every attempt. */
export const itemFailedEvent = z.object({ type: z.literal('item_failed'), ...base, ...itemRef, error: z.string() });
/** Batch: aggregate progress, written at most every ~100 ms per task. */
export const batchProgressEvent = z.object({
  type: z.literal('batch_progress'),
  ...base,
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
/** Batch, terminal: every item ended. `status` is `done` when at least one item was classified. */
export const batchFinishedEvent = z.object({
  type: z.literal('batch_finished'),
  ...base,
  status: z.enum(['done', 'failed']),
  ...endCounts.shape,
});
/** Terminal: `task.cancel` stopped the task; items not yet processed were not processed. */
export const cancelledEvent = z.object({ type: z.literal('cancelled'), ...base, ...endCounts.shape });

export const taskEvent = z.discriminatedUnion('type', [
  queuedEvent,
  progressEvent,
  resultEvent,
  failedEvent,
  itemResultEvent,
  itemFailedEvent,
  batchProgressEvent,
  batchFinishedEvent,
  cancelledEvent,
]);
export type TaskEvent = z.infer<typeof taskEvent>;
export type TaskEventType = TaskEvent['type'];
export type NewTaskEvent = TaskEvent extends infer E ? (E extends TaskEvent ? Omit<E, 'at'> : never) : never;

export type ItemEndEvent = Extract<NewTaskEvent, { type: 'item_result' | 'item_failed' }>;
export type BatchFinishedEvent = Extract<NewTaskEvent, { type: 'batch_finished' }>;

/** Single tasks end on `result` / `failed`; batches on `batch_finished`; either on `cancelled`. */
export const terminalEventTypes: readonly TaskEventType[] = ['result', 'failed', 'batch_finished', 'cancelled'];
export const isTerminalEvent = (event: TaskEvent) => terminalEventTypes.includes(event.type);

/**
 * What a subscription sends: a stored event, or — for batches — several stored events coalesced into
 * one message (`events`, in stream order). Its tracked id is the id of the last event it holds.
 */
export const eventGroup = z.object({ type: z.literal('events'), taskId, at: z.string(), events: z.array(taskEvent) });
export type EventGroup = z.infer<typeof eventGroup>;
export type TaskMessage = TaskEvent | EventGroup;

/** The events a message carries, whether it is one event or a group. */
export const eventsOfMessage = (message: TaskMessage): TaskEvent[] => (message.type === 'events' ? message.events : [message]);

export const eventsInput = z.object({
  taskId,
  lastEventId: eventId.nullish(),
});

/**
 * Submits one part and streams its task's events in one call. Resubscribing with the same
 * `idempotencyKey` (and the last event id seen) resumes the same task instead of submitting again.
 */
export const classifyInput = submitInput.extend({
  lastEventId: eventId.nullish(),
});
export type ClassifyInput = z.input<typeof classifyInput>;

/** The shape tRPC's `tracked()` yields on the wire. */
export interface TrackedTaskEvent {
  id: string;
  data: TaskMessage;
}

/** Compares two event ids (`<ms>-<seq>`) numerically. */
export function compareEventIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}
