import { z } from 'zod';

export const taskStatus = z.enum(['queued', 'processing', 'done', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatus>;
export const terminalTaskStatuses: readonly TaskStatus[] = ['done', 'failed', 'cancelled'];

export const taskId = z.string({ error: 'taskId must be a string' }).uuid('taskId must be a UUID');

/** Names one submission of its owner's: sent again, it answers with the task it first created. */
export const idempotencyKey = z
  .string({ error: 'idempotencyKey must be a string' })
  .trim()
  .min(8, 'idempotencyKey must have at least 8 characters')
  .max(128, 'idempotencyKey must have at most 128 characters');
