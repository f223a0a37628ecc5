import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const taskStatusEnum = pgEnum('task_status', ['queued', 'processing', 'done', 'failed', 'cancelled']);
export const taskKindEnum = pgEnum('task_kind', ['single', 'batch']);
export const classificationStatusEnum = pgEnum('classification_status', ['ACTIVE', 'APPROVED', 'REPLACED', 'REJECTED']);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  kind: taskKindEnum('kind').notNull().default('single'),
  status: taskStatusEnum('status').notNull(),
  reclassify: boolean('reclassify').notNull().default(false),
  error: text('error'),
  idempotencyKey: text('idempotency_key'),
  ...timestamps,
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
}, (table) => [uniqueIndex('tasks_idempotency_key').on(table.idempotencyKey)]);

export const taskItems = pgTable(
  'task_items',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    partnumber: text('partnumber').notNull(),
    description: text('description'),
    manufacturer: text('manufacturer'),
    supplier: text('supplier'),
    quantity: real('quantity'),
    status: taskStatusEnum('status').notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** For an item answered from history: the known classification it was answered with. */
    knownClassificationId: uuid('known_classification_id'),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('task_items_task_seq').on(table.taskId, table.seq),
    index('task_items_task_status').on(table.taskId, table.status),
    index('task_items_partnumber_status').on(table.partnumber, table.status),
  ],
);

export const classifications = pgTable(
  'classifications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    partnumber: text('partnumber').notNull(),
    /** The task item that produced it; at most one classification per item, so a retried job cannot store twice. */
    taskItemId: uuid('task_item_id').references(() => taskItems.id, { onDelete: 'set null' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    ncm: text('ncm').notNull(),
    description: text('description').notNull(),
    manufacturer: text('manufacturer'),
    country: text('country'),
    confidence: real('confidence').notNull(),
    alternatives: jsonb('alternatives').$type<Array<{ ncm: string; description: string; score: number }>>().notNull().default([]),
    justification: text('justification'),
    engine: text('engine').notNull(),
    status: classificationStatusEnum('status').notNull().default('ACTIVE'),
    createdAt: timestamps.createdAt,
  },
  (table) => [
    index('classifications_partnumber').on(table.partnumber, table.createdAt),
    uniqueIndex('classifications_task_item').on(table.taskItemId),
  ],
);

export const schema = { tasks, taskItems, classifications };
