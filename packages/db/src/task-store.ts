import {
  IdempotencyKeyReusedError,
  reportingUnavailability,
  type Classification,
  type ClassifierOutcome,
  type ExistingTask,
  type NewSingleTask,
  type Task,
  type TaskDetails,
  type TaskItemRef,
  type TaskStore,
  type Visibility,
} from '@nexa/contracts';
import { and, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { pingDatabase, type NexaDatabase } from './client';
import { isDatabaseConnectivityError } from './connectivity';
import { classifications, taskItems, tasks } from './schema';

type ClassificationRow = typeof classifications.$inferSelect;

const inForce = inArray(classifications.status, ['ACTIVE', 'APPROVED']);

/** The condition that admits only the rows a visibility may see (`ownerColumn` of the queried table). */
export function visibleTo(visibility: Visibility, ownerColumn: PgColumn): SQL | undefined {
  return visibility === 'all' ? undefined : eq(ownerColumn, visibility.ownerId);
}

export function toClassification(row: ClassificationRow): Classification {
  return {
    id: row.id,
    partnumber: row.partnumber,
    ncm: row.ncm,
    description: row.description,
    manufacturer: row.manufacturer,
    country: row.country,
    confidence: row.confidence,
    alternatives: row.alternatives,
    justification: row.justification,
    engine: row.engine,
    status: row.status,
    taskId: row.taskId,
    createdAt: row.createdAt.toISOString(),
  };
}

type TaskRow = typeof tasks.$inferSelect;
type ItemRow = typeof taskItems.$inferSelect;

function toTask(task: TaskRow, item: Pick<ItemRow, 'partnumber' | 'description' | 'manufacturer' | 'supplier'> | undefined): Task {
  return {
    id: task.id,
    ownerId: task.ownerId,
    status: task.status,
    partnumber: item?.partnumber ?? '',
    description: item?.description ?? null,
    manufacturer: item?.manufacturer ?? null,
    supplier: item?.supplier ?? null,
    reclassify: task.reclassify,
    error: task.error,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    finishedAt: task.finishedAt?.toISOString() ?? null,
  };
}

export function createTaskStore(db: NexaDatabase): TaskStore {
  return reportingUnavailability(createRawTaskStore(db), 'database', isDatabaseConnectivityError);
}

function createRawTaskStore(db: NexaDatabase): TaskStore {
  async function knownClassifications(partnumber: string, visibility: Visibility): Promise<Classification[]> {
    const rows = await db
      .select()
      .from(classifications)
      .where(and(eq(classifications.partnumber, partnumber), inForce, visibleTo(visibility, classifications.ownerId)))
      // A human-approved classification answers before any newer machine one.
      .orderBy(desc(sql`${classifications.status} = 'APPROVED'`), desc(classifications.createdAt));
    return rows.map(toClassification);
  }

  async function findTaskByIdempotencyKey(key: string, ownerId: string): Promise<ExistingTask | null> {
    const [row] = await db
      .select({ taskId: tasks.id, status: tasks.status, partnumber: taskItems.partnumber })
      .from(tasks)
      .innerJoin(taskItems, and(eq(taskItems.taskId, tasks.id), eq(taskItems.seq, 1)))
      .where(and(eq(tasks.idempotencyKey, key), eq(tasks.ownerId, ownerId)));
    return row ?? null;
  }

  async function finishTaskIfAllItemsEnded(tx: NexaDatabase, taskId: string) {
    // A single statement, so two items finishing at once cannot both miss the last one.
    await tx.execute(sql`
      UPDATE ${tasks} SET
        status = CASE WHEN EXISTS (SELECT 1 FROM ${taskItems} WHERE task_id = ${taskId} AND status = 'done') THEN 'done'::task_status ELSE 'failed'::task_status END,
        error = (SELECT error FROM ${taskItems} WHERE task_id = ${taskId} AND status = 'failed' ORDER BY seq LIMIT 1),
        finished_at = now(), updated_at = now()
      WHERE id = ${taskId} AND status IN ('queued', 'processing')
        AND NOT EXISTS (SELECT 1 FROM ${taskItems} WHERE task_id = ${taskId} AND status IN ('queued', 'processing'))`);
  }

  return {
    async createSingleTask({ ownerId, part, reclassify, status, idempotencyKey }: NewSingleTask): Promise<TaskItemRef> {
      const created = await db.transaction(async (tx) => {
        const finishedAt = status === 'done' ? new Date() : null;
        const [task] = await tx
          .insert(tasks)
          .values({ ownerId, status, reclassify, finishedAt, idempotencyKey: idempotencyKey ?? null })
          .onConflictDoNothing({ target: [tasks.ownerId, tasks.idempotencyKey] })
          .returning({ id: tasks.id });
        if (!task) return null;
        const [item] = await tx
          .insert(taskItems)
          .values({ taskId: task.id, seq: 1, status, ...part })
          .returning({ id: taskItems.id });
        return { taskId: task.id, itemId: item!.id };
      });
      if (created) return created;
      const existing = await findTaskByIdempotencyKey(idempotencyKey!, ownerId);
      if (!existing) throw new Error('a task with this idempotency key was just deleted; try again');
      throw new IdempotencyKeyReusedError(existing);
    },

    findTaskByIdempotencyKey,

    async findInFlightTask(partnumber: string, ownerId: string): Promise<ExistingTask | null> {
      const [row] = await db
        .select({ taskId: tasks.id, status: tasks.status, partnumber: taskItems.partnumber })
        .from(taskItems)
        .innerJoin(tasks, eq(tasks.id, taskItems.taskId))
        .where(and(eq(taskItems.partnumber, partnumber), eq(tasks.ownerId, ownerId), inArray(taskItems.status, ['queued', 'processing']), eq(taskItems.seq, 1)))
        .orderBy(desc(tasks.createdAt))
        .limit(1);
      return row ?? null;
    },

    async getTask(taskId: string): Promise<TaskDetails | null> {
      const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
      if (!task) return null;
      const [item] = await db.select().from(taskItems).where(eq(taskItems.taskId, taskId)).orderBy(taskItems.seq).limit(1);
      const produced = await db
        .select()
        .from(classifications)
        .where(eq(classifications.taskId, taskId))
        .orderBy(desc(classifications.createdAt));
      const answeredFromHistory = produced.length === 0 && task.status === 'done' && item;
      const ownerVisibility: Visibility = task.ownerId ? { ownerId: task.ownerId } : 'all';
      return {
        ...toTask(task, item),
        classifications: answeredFromHistory ? await knownClassifications(item.partnumber, ownerVisibility) : produced.map(toClassification),
      };
    },

    async listTasks({ visibility, status, cursor, limit }) {
      const after = cursor
        ? sql`(${tasks.createdAt}, ${tasks.id}) < (SELECT created_at, id FROM ${tasks} WHERE id = ${cursor})`
        : undefined;
      const rows = await db
        .select({ task: tasks, item: { partnumber: taskItems.partnumber, description: taskItems.description, manufacturer: taskItems.manufacturer, supplier: taskItems.supplier } })
        .from(tasks)
        .leftJoin(taskItems, and(eq(taskItems.taskId, tasks.id), eq(taskItems.seq, 1)))
        .where(and(visibleTo(visibility, tasks.ownerId), status ? eq(tasks.status, status) : undefined, after))
        .orderBy(desc(tasks.createdAt), desc(tasks.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit).map(({ task, item }) => toTask(task, item ?? undefined));
      return { items: page, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
    },

    async deleteTask(taskId: string) {
      await db.transaction(async (tx) => {
        await tx.delete(classifications).where(and(eq(classifications.taskId, taskId), ne(classifications.status, 'APPROVED')));
        await tx.delete(tasks).where(eq(tasks.id, taskId));
      });
    },

    knownClassifications,

    async getItem(itemId: string) {
      const [item] = await db.select().from(taskItems).where(eq(taskItems.id, itemId));
      if (!item) return null;
      return {
        taskId: item.taskId,
        status: item.status,
        error: item.error,
        partnumber: item.partnumber,
        description: item.description ?? undefined,
        manufacturer: item.manufacturer ?? undefined,
        supplier: item.supplier ?? undefined,
      };
    },

    async markItemProcessing(itemId: string) {
      await db.transaction(async (tx) => {
        const [item] = await tx
          .update(taskItems)
          .set({ status: 'processing', attempts: sql`${taskItems.attempts} + 1`, updatedAt: new Date() })
          .where(and(eq(taskItems.id, itemId), inArray(taskItems.status, ['queued', 'processing'])))
          .returning({ taskId: taskItems.taskId });
        if (!item) return;
        await tx
          .update(tasks)
          .set({ status: 'processing', updatedAt: new Date() })
          .where(and(eq(tasks.id, item.taskId), eq(tasks.status, 'queued')));
      });
    },

    async completeItem(itemId: string, outcome: ClassifierOutcome): Promise<Classification> {
      return db.transaction(async (tx) => {
        const [item] = await tx.select().from(taskItems).where(eq(taskItems.id, itemId)).for('update');
        if (!item) throw new Error(`task item ${itemId} does not exist`);
        const [existing] = await tx.select().from(classifications).where(eq(classifications.taskItemId, itemId));
        if (existing) return toClassification(existing);
        const [task] = await tx.select({ ownerId: tasks.ownerId }).from(tasks).where(eq(tasks.id, item.taskId));
        const [row] = await tx
          .insert(classifications)
          .values({ ...outcome, partnumber: item.partnumber, taskItemId: itemId, taskId: item.taskId, ownerId: task?.ownerId ?? null, status: 'ACTIVE' })
          .returning();
        await tx.update(taskItems).set({ status: 'done', error: null, updatedAt: new Date() }).where(eq(taskItems.id, itemId));
        await finishTaskIfAllItemsEnded(tx as unknown as NexaDatabase, item.taskId);
        return toClassification(row!);
      });
    },

    async classificationOfItem(itemId: string) {
      const [row] = await db.select().from(classifications).where(eq(classifications.taskItemId, itemId));
      return row ? toClassification(row) : null;
    },

    async failItem(itemId: string, reason: string) {
      await db.transaction(async (tx) => {
        const [item] = await tx
          .update(taskItems)
          .set({ status: 'failed', error: reason, updatedAt: new Date() })
          .where(and(eq(taskItems.id, itemId), inArray(taskItems.status, ['queued', 'processing'])))
          .returning({ taskId: taskItems.taskId });
        if (item) await finishTaskIfAllItemsEnded(tx as unknown as NexaDatabase, item.taskId);
      });
    },

    async findStaleUnfinishedItems(before: Date, limit: number): Promise<TaskItemRef[]> {
      return db
        .select({ taskId: taskItems.taskId, itemId: taskItems.id })
        .from(taskItems)
        .where(and(inArray(taskItems.status, ['queued', 'processing']), lt(taskItems.updatedAt, before)))
        .orderBy(taskItems.updatedAt)
        .limit(limit);
    },

    ping: () => pingDatabase(db),
  };
}
