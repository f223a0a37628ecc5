import { z } from 'zod';
import { classification, partInput } from './classification';

export const taskStatus = z.enum(['queued', 'processing', 'done', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatus>;
export const terminalTaskStatuses: readonly TaskStatus[] = ['done', 'failed', 'cancelled'];

export const taskId = z.string({ error: 'taskId must be a string' }).uuid('taskId must be a UUID');

export const idempotencyKey = z
  .string({ error: 'idempotencyKey must be a string' })
  .trim()
  .min(8, 'idempotencyKey must have at least 8 characters')
  .max(128, 'idempotencyKey must have at most 128 characters');

export const submitInput = partInput.extend({
  reclassify: z.boolean({ error: 'reclassify must be a boolean' }).optional().default(false),
  /** Resubmitting with the same key returns the task the first submission created. */
  idempotencyKey: idempotencyKey.optional(),
});
export type SubmitInput = z.input<typeof submitInput>;

export const submitOutput = z.object({
  taskId,
  status: taskStatus,
  classifications: z.array(classification),
});
export type SubmitOutput = z.infer<typeof submitOutput>;

export const task = z.object({
  id: taskId,
  ownerId: z.string().uuid().nullable(),
  status: taskStatus,
  partnumber: z.string(),
  description: z.string().nullable(),
  manufacturer: z.string().nullable(),
  supplier: z.string().nullable(),
  reclassify: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Task = z.infer<typeof task>;

export const taskGetInput = z.object({ taskId });
export const taskDetails = task.extend({ classifications: z.array(classification) });
export type TaskDetails = z.infer<typeof taskDetails>;

export const taskDeleteInput = z.strictObject({ taskId });

export const taskListInput = z
  .strictObject({
    status: taskStatus.optional(),
    /** `nextCursor` from the previous page. */
    cursor: taskId.optional(),
    limit: z.number({ error: 'limit must be a number' }).int().min(1).max(100).default(20),
  })
  .default({ limit: 20 });
export const taskListOutput = z.object({
  items: z.array(task),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: taskId.nullable(),
});
export type TaskListOutput = z.infer<typeof taskListOutput>;
