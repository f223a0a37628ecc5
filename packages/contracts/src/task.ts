import { z } from 'zod';
import { batchCounts, taskItem } from './batch';
import { classification, partInput } from './classification';
import { pageLimit } from './page-limit';
import { idempotencyKey, taskId, taskStatus } from './task-status';

export { idempotencyKey, taskId, taskStatus, terminalTaskStatuses, type TaskStatus } from './task-status';

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

export const taskKind = z.enum(['single', 'batch']);
export type TaskKind = z.infer<typeof taskKind>;

export const task = z.object({
  id: taskId,
  ownerId: z.string().uuid().nullable(),
  kind: taskKind,
  /** A batch's name (given at submission, or the uploaded file's); null for a single task or an unnamed batch. */
  name: z.string().nullable(),
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
/** A task with its counts. For a batch, `partnumber` and the other part fields are its first item's. */
export const taskDetails = task.extend({ classifications: z.array(classification), counts: batchCounts });
export type TaskDetails = z.infer<typeof taskDetails>;

export const taskDeleteInput = z.strictObject({ taskId });
export const taskDeleteOutput = z.object({ taskId, deleted: z.literal(true) });

/** Where a page of `task.list` ended: the last task's creation time (as PostgreSQL writes it) and id. */
export interface TaskListPosition {
  createdAt: string;
  id: string;
}

/** Opaque to callers (hex, so it travels in a URL as it is), and still valid after the task it names is deleted. */
export function encodeTaskListCursor({ createdAt, id }: TaskListPosition): string {
  return Array.from(new TextEncoder().encode(JSON.stringify([createdAt, id])), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The position a cursor names, or null when it is not one `encodeTaskListCursor` made. */
export function decodeTaskListCursor(cursor: string): TaskListPosition | null {
  if (!/^([0-9a-f]{2}){1,200}$/.test(cursor)) return null;
  try {
    const bytes = Uint8Array.from(cursor.match(/../g)!, (pair) => Number.parseInt(pair, 16));
    const decoded: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const position = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?$/), taskId]).safeParse(decoded);
    return position.success ? { createdAt: position.data[0], id: position.data[1] } : null;
  } catch {
    return null;
  }
}

export const taskListCursor = z
  .string({ error: 'cursor must be a string' })
  .refine((cursor) => decodeTaskListCursor(cursor) !== null, 'cursor must be a nextCursor of task.list');

export const taskListInput = z
  .strictObject({
    status: taskStatus.optional(),
    /** `nextCursor` from the previous page (null or absent: the first page). */
    cursor: taskListCursor.nullish(),
    limit: pageLimit(100).default(20),
  })
  .default({ limit: 20 });
/** A task in a list: for a batch, `partnumber` and the other part fields are its first item's. */
export const taskListItem = task.extend({ itemCount: z.number().int().nonnegative() });
export type TaskListItem = z.infer<typeof taskListItem>;

export const taskListOutput = z.object({
  items: z.array(taskListItem),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type TaskListOutput = z.infer<typeof taskListOutput>;

/** What `task.get` answers: the task and the first page of its items (the rest through `task.items`). */
export const taskView = taskDetails.extend({ items: z.array(taskItem), nextItemsCursor: z.number().int().nullable() });
export type TaskView = z.infer<typeof taskView>;
