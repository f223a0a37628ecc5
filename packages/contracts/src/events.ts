import { z } from 'zod';
import { classification } from './classification';
import { taskId } from './task';

/** A Redis stream entry id (`<ms>-<seq>`): events are ordered and resumable by it. */
export const eventId = z.string().regex(/^\d+-\d+$/, 'lastEventId must look like 1700000000000-0');

const base = { taskId, at: z.string() };

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

export const taskEvent = z.discriminatedUnion('type', [queuedEvent, progressEvent, resultEvent, failedEvent]);
export type TaskEvent = z.infer<typeof taskEvent>;
export type TaskEventType = TaskEvent['type'];
export type NewTaskEvent = TaskEvent extends infer E ? (E extends TaskEvent ? Omit<E, 'at'> : never) : never;

export const terminalEventTypes: readonly TaskEventType[] = ['result', 'failed'];
export const isTerminalEvent = (event: TaskEvent) => terminalEventTypes.includes(event.type);

export const eventsInput = z.object({
  taskId,
  lastEventId: eventId.nullish(),
});

/** The shape tRPC's `tracked()` yields on the wire. */
export interface TrackedTaskEvent {
  id: string;
  data: TaskEvent;
}

/** Compares two event ids (`<ms>-<seq>`) numerically. */
export function compareEventIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}
