import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgEnum, pgTable, real, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const taskStatusEnum = pgEnum('task_status', ['queued', 'processing', 'done', 'failed', 'cancelled']);
export const taskKindEnum = pgEnum('task_kind', ['single', 'batch']);
export const classificationStatusEnum = pgEnum('classification_status', ['ACTIVE', 'APPROVED', 'REPLACED', 'REJECTED']);
export const userRoleEnum = pgEnum('user_role', ['admin', 'user']);
export const reviewActionEnum = pgEnum('review_action', ['approve', 'reject', 'override']);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** Stored lower-cased; the unique index on lower(email) keeps it unique case-insensitively. */
    email: text('email').notNull(),
    name: text('name'),
    role: userRoleEnum('role').notNull().default('user'),
    passwordHash: text('password_hash').notNull(),
    ...timestamps,
  },
  (table) => [uniqueIndex('users_email_lower').on(sql`lower(${table.email})`)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    /** sha256 of the key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    createdAt: timestamps.createdAt,
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [uniqueIndex('api_keys_key_hash').on(table.keyHash), index('api_keys_user').on(table.userId)],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** Null only for tasks recorded before accounts existed; those are visible to admins alone. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: taskKindEnum('kind').notNull().default('single'),
    name: text('name'),
    status: taskStatusEnum('status').notNull(),
    reclassify: boolean('reclassify').notNull().default(false),
    error: text('error'),
    /** Unique per owner: one user's key never collides with, or reveals, another's. */
    idempotencyKey: text('idempotency_key'),
    /**
     * A single task submitted without an idempotency key, while it is queued or running: its partnumber,
     * unique per owner, so that submissions of one partnumber arriving together make one task, which they
     * all join. Cleared when the task ends.
     */
    joinablePartnumber: text('joinable_partnumber'),
    /** The id that ties the request, jobs, AI calls, events and log lines of this task together. */
    correlationId: text('correlation_id'),
    ...timestamps,
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('tasks_owner_idempotency_key').on(table.ownerId, table.idempotencyKey),
    // Not partial on status: an index over status would make every status change a non-HOT update. A task's
    // joinable_partnumber is cleared when it ends instead, by a trigger (migration 0010).
    uniqueIndex('tasks_owner_joinable_partnumber').on(table.ownerId, table.joinablePartnumber).where(sql`joinable_partnumber IS NOT NULL`),
    index('tasks_owner_created').on(table.ownerId, table.createdAt, table.id),
    index('tasks_created').on(table.createdAt, table.id),
  ],
);

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
    index('task_items_known_classification').on(table.knownClassificationId).where(sql`known_classification_id IS NOT NULL`),
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
    /** Copied from the task, so an approved classification stays its owner's after the task is deleted. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
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

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** Not a foreign key: the trail outlives a classification removed with its task. */
    classificationId: uuid('classification_id').notNull(),
    newClassificationId: uuid('new_classification_id'),
    partnumber: text('partnumber').notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: reviewActionEnum('action').notNull(),
    oldStatus: classificationStatusEnum('old_status').notNull(),
    newStatus: classificationStatusEnum('new_status').notNull(),
    oldNcm: text('old_ncm').notNull(),
    newNcm: text('new_ncm').notNull(),
    engine: text('engine').notNull(),
    tableVersion: text('table_version'),
    note: text('note'),
    createdAt: timestamps.createdAt,
  },
  (table) => [index('audit_log_partnumber').on(table.partnumber, table.createdAt), index('audit_log_classification').on(table.classificationId)],
);


const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The NCM nomenclature, one row per code at every level (chapter '85' … item '85423190'). */
export const ncmEntries = pgTable(
  'ncm_entries',
  {
    /** Digits only. */
    code: text('code').primaryKey(),
    dotted: text('dotted').notNull(),
    /** HTML stripped. */
    description: text('description').notNull(),
    depth: integer('depth').notNull(),
    parent: text('parent'),
    /** Descriptions from the chapter down to this code, joined with ' > '. */
    path: text('path').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** Comex Stat's standalone description of an 8-digit code. */
    standaloneDescription: text('standalone_description'),
    /** Stemmed, accent-folded words of the code's own descriptions and of its ancestors (see ncm-catalog.ts). */
    searchOwn: text('search_own').notNull().default(''),
    searchPath: text('search_path').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', search_own), 'A') || setweight(to_tsvector('simple', search_path), 'B')`,
    ),
    /** Set when a later import no longer contained the code; removed codes leave search. */
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('ncm_entries_search').using('gin', table.searchVector), index('ncm_entries_parent').on(table.parent)],
);

/** One row per import of the official table. */
export const ncmTables = pgTable('ncm_tables', {
  id: serial('id').primaryKey(),
  /** "Vigente em 13/05/2025". */
  version: text('version').notNull(),
  act: text('act').notNull(),
  source: text('source').notNull(),
  comexstatSource: text('comexstat_source'),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  total: integer('total').notNull(),
  added: integer('added').notNull(),
  removed: integer('removed').notNull(),
  changed: integer('changed').notNull(),
});

export const schema = { users, apiKeys, tasks, taskItems, classifications, auditLog, ncmEntries, ncmTables };
