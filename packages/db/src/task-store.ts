import {
  IdempotencyKeyReusedError,
  reportingUnavailability,
  type Classification,
  type ClassifierOutcome,
  type ExistingTask,
  type NewSingleTask,
  type TaskDetails,
  type TaskItemRef,
  type TaskStore,
} from '@nexa/contracts';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { pingDatabase, type NexaDatabase } from './client';
import { isDatabaseConnectivityError } from './connectivity';
import { classifications, taskItems, tasks } from './schema';

type ClassificationRow = typeof classifications.$inferSelect;

const inForce = inArray(classifications.status, ['ACTIVE', 'APPROVED']);

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

export function createTaskStore(db: NexaDatabase): TaskStore {
  return reportingUnavailability(createRawTaskStore(db), 'database', isDatabaseConnectivityError);
}

function createRawTaskStore(db: NexaDatabase): TaskStore {
  async function knownClassifications(partnumber: string): Promise<Classification[]> {
    const rows = await db
      .select()
      .from(classifications)
      .where(and(eq(classifications.partnumber, partnumber), inForce))
      .orderBy(desc(classifications.createdAt));
    return rows.map(toClassification);
  }

  async function findTaskByIdempotencyKey(key: string): Promise<ExistingTask | null> {
    const [row] = await db
      .select({ taskId: tasks.id, status: tasks.status, partnumber: taskItems.partnumber })
      .from(tasks)
      .innerJoin(taskItems, and(eq(taskItems.taskId, tasks.id), eq(taskItems.seq, 1)))
      .where(eq(tasks.idempotencyKey, key));
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
    async createSingleTask({ part, reclassify, status, idempotencyKey }: NewSingleTask): Promise<TaskItemRef> {
      const created = await db.transaction(async (tx) => {
        const finishedAt = status === 'done' ? new Date() : null;
        const [task] = await tx
          .insert(tasks)
          .values({ status, reclassify, finishedAt, idempotencyKey: idempotencyKey ?? null })
          .onConflictDoNothing({ target: tasks.idempotencyKey })
          .returning({ id: tasks.id });
        if (!task) return null;
        const [item] = await tx
          .insert(taskItems)
          .values({ taskId: task.id, seq: 1, status, ...part })
          .returning({ id: taskItems.id });
        return { taskId: task.id, itemId: item!.id };
      });
      if (created) return created;
      const existing = await findTaskByIdempotencyKey(idempotencyKey!);
      if (!existing) throw new Error('a task with this idempotency key was just deleted; try again');
      throw new IdempotencyKeyReusedError(existing);
    },

    findTaskByIdempotencyKey,

    async findInFlightTask(partnumber: string): Promise<ExistingTask | null> {
      const [row] = await db
        .select({ taskId: tasks.id, status: tasks.status, partnumber: taskItems.partnumber })
        .from(taskItems)
        .innerJoin(tasks, eq(tasks.id, taskItems.taskId))
        .where(and(eq(taskItems.partnumber, partnumber), inArray(taskItems.status, ['queued', 'processing']), eq(taskItems.seq, 1)))
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
      return {
        id: task.id,
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
        classifications: answeredFromHistory ? await knownClassifications(item.partnumber) : produced.map(toClassification),
      };
    },

    async deleteTask(taskId: string) {
      await db.delete(tasks).where(eq(tasks.id, taskId));
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
        const [row] = await tx
          .insert(classifications)
          .values({ ...outcome, partnumber: item.partnumber, taskItemId: itemId, taskId: item.taskId, status: 'ACTIVE' })
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
