import { z } from 'zod';
import { classification, partInput } from './classification';
import { pageLimit } from './page-limit';
import { idempotencyKey, taskId, taskStatus } from './task-status';

/** The default most items one batch may hold (`BATCH_MAX_ITEMS`). */
export const DEFAULT_BATCH_MAX_ITEMS = 10_000;
/** A hard ceiling on the input size, whatever `BATCH_MAX_ITEMS` says. */
export const BATCH_HARD_LIMIT = 100_000;

export const quantity = z.number({ error: 'quantity must be a number' }).positive('quantity must be positive').optional();

export const batchItemInput = partInput.extend({ quantity });
export type BatchItemInput = z.infer<typeof batchItemInput>;

export const BATCH_NAME_MAX = 200;
/** What a batch is called in the history: given at submission, or an upload's file name. */
export const batchName = z
  .string({ error: 'name must be a string' })
  .trim()
  .min(1, 'name must not be blank')
  .max(BATCH_NAME_MAX, `name must have at most ${BATCH_NAME_MAX} characters`);

export const submitBatchInput = z.object({
  name: batchName.optional(),
  items: z
    .array(batchItemInput, { error: 'items must be an array' })
    .min(1, 'items must hold at least one part')
    .max(BATCH_HARD_LIMIT, `items must hold at most ${BATCH_HARD_LIMIT} parts`),
  reclassify: z.boolean({ error: 'reclassify must be a boolean' }).optional().default(false),
  /** Resubmitting with the same key returns the batch the first submission created. */
  idempotencyKey: idempotencyKey.optional(),
});
export type SubmitBatchInput = z.input<typeof submitBatchInput>;

export const batchCounts = z.object({
  total: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  processing: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
});
export type BatchCounts = z.infer<typeof batchCounts>;

export const submitBatchOutput = z.object({
  taskId,
  status: taskStatus,
  /** Items in the task after duplicates were collapsed. */
  total: z.number().int().nonnegative(),
  /** Input lines dropped because an earlier line had the same partnumber. */
  duplicates: z.number().int().nonnegative(),
  /** Items answered at once from the partnumber's history. */
  answeredFromHistory: z.number().int().nonnegative(),
  /** Items queued for classification. */
  queued: z.number().int().nonnegative(),
});
export type SubmitBatchOutput = z.infer<typeof submitBatchOutput>;

export const taskItem = z.object({
  id: z.string().uuid(),
  seq: z.number().int().positive(),
  partnumber: z.string(),
  description: z.string().nullable(),
  manufacturer: z.string().nullable(),
  supplier: z.string().nullable(),
  quantity: z.number().nullable(),
  status: taskStatus,
  error: z.string().nullable(),
  /** The classification it produced, or the known one it was answered with, as it stands now: after an override, its replacement. */
  classification: classification.nullable(),
});
export type TaskItem = z.infer<typeof taskItem>;

export const ITEMS_PAGE_DEFAULT = 100;
export const ITEMS_PAGE_MAX = 1000;

/** Which items a page holds: the failed ones, or the classified ones still to be reviewed (see `needsReview`). */
export const taskItemsFilter = z.enum(['failed', 'needsReview'], { error: "filter must be 'failed' or 'needsReview'" });
export type TaskItemsFilter = z.infer<typeof taskItemsFilter>;

export const taskItemsInput = z.object({
  taskId,
  /** The `nextCursor` of the previous page (of the same filter). */
  cursor: z.number().int().nonnegative().nullish(),
  limit: pageLimit(ITEMS_PAGE_MAX).optional().default(ITEMS_PAGE_DEFAULT),
  /** Only the items it admits; every item without it. */
  filter: taskItemsFilter.optional(),
});
export type TaskItemsInput = z.input<typeof taskItemsInput>;

export const taskItemsPage = z.object({
  items: z.array(taskItem),
  nextCursor: z.number().int().nullable(),
});
export type TaskItemsPage = z.infer<typeof taskItemsPage>;

export const taskCancelInput = z.object({ taskId });
export const taskCancelOutput = z.object({
  taskId,
  /** `true` when this call stopped the task; `false` when it had already ended (nothing changed). */
  cancelled: z.boolean(),
  status: taskStatus,
  counts: batchCounts,
});
export type TaskCancelOutput = z.infer<typeof taskCancelOutput>;
