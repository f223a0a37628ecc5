import { randomUUID } from 'node:crypto';
import { currentCorrelationId } from '@nexa/observability';
import {
  encodeTaskListCursor,
  IdempotencyKeyReusedError,
  NEEDS_REVIEW_BELOW,
  PartnumberInFlightError,
  reportingUnavailability,
  type BatchCounts,
  type BatchItemInput,
  type CancelOutcome,
  type Classification,
  type ClassifierOutcome,
  type CreatedBatch,
  type ExistingTask,
  type ItemClaim,
  type NewBatchTask,
  type RecordedSubmission,
  type NewSingleTask,
  type Task,
  type TaskDetails,
  type TaskEnding,
  type TaskItem,
  type TaskItemRef,
  type TaskItemsFilter,
  type TaskItemsPage,
  type TaskAccess,
  type StoredItem,
  type TaskStore,
  type Visibility,
} from '@nexa/contracts';
import { aliasedTable, and, asc, desc, eq, gt, inArray, lt, ne, not, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { pingDatabase, prepareRawStatement, rawStatement, type NexaDatabase } from './client';
import { coalescedStatement } from './coalesced';
import { isDatabaseConnectivityError } from './connectivity';
import { auditLog, classifications, taskItems, tasks } from './schema';

type ClassificationRow = typeof classifications.$inferSelect;

/** Rows per multi-row INSERT (one array parameter per column). */
const INSERT_CHUNK = 5000;
const producedBy = aliasedTable(classifications, 'produced_by');
const answeredWith = aliasedTable(classifications, 'answered_with');

const emptyCounts = (): BatchCounts => ({ total: 0, queued: 0, processing: 0, done: 0, failed: 0, cancelled: 0 });

const inForce = inArray(classifications.status, ['ACTIVE', 'APPROVED']);

/**
 * The item's classification as `listItems` reads it: the one it produced, else the known one it was
 * answered with. A reviewed one is APPROVED, REJECTED or REPLACED (by an override, itself APPROVED).
 */
const itemClassification = <Column extends 'status' | 'confidence'>(column: Column) =>
  sql`coalesce(${producedBy[column]}, ${answeredWith[column]})`;
/** The condition of each `task.items` filter, on `listItems`' joins. */
const admittedBy: Record<TaskItemsFilter, SQL> = {
  failed: eq(taskItems.status, 'failed'),
  needsReview: and(
    eq(taskItems.status, 'done'),
    sql`${itemClassification('status')} = 'ACTIVE'`,
    sql`${itemClassification('confidence')} < ${NEEDS_REVIEW_BELOW}`,
  )!,
};
/** A human-approved classification answers before any newer machine one. */
const approvedFirst = desc(sql`${classifications.status} = 'APPROVED'`);

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
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

type StoredItemRow = Pick<ItemRow, 'taskId' | 'seq' | 'status' | 'error' | 'partnumber' | 'description' | 'manufacturer' | 'supplier'> & { taskKind: StoredItem['taskKind'] };

function toStoredItem(row: StoredItemRow): StoredItem {
  return {
    taskId: row.taskId,
    taskKind: row.taskKind,
    seq: row.seq,
    status: row.status,
    error: row.error,
    partnumber: row.partnumber,
    description: row.description ?? undefined,
    manufacturer: row.manufacturer ?? undefined,
    supplier: row.supplier ?? undefined,
  };
}

/** A classification row as raw SQL returns it, in the shape drizzle maps (`created_at` comes back as a Date or a string, by driver). */
const classificationColumns = sql.raw(
  `id, partnumber, task_item_id AS "taskItemId", task_id AS "taskId", owner_id AS "ownerId", ncm, description, manufacturer, country,
   confidence, alternatives, justification, engine, status, created_at AS "createdAt"`,
);

/** The values of many one-row statements as the parameters of their multi-row twin: one array per name. */
function columnsOf<Values extends Record<string, unknown>>(rows: readonly Values[]): { [Name in keyof Values]: Array<Values[Name]> } {
  const columns = {} as { [Name in keyof Values]: Array<Values[Name]> };
  for (const row of rows) for (const name of Object.keys(row) as Array<keyof Values>) (columns[name] ??= []).push(row[name]);
  return columns;
}

type TaskRow = typeof tasks.$inferSelect;
type ItemRow = typeof taskItems.$inferSelect;

function toTask(task: TaskRow, item: Pick<ItemRow, 'partnumber' | 'description' | 'manufacturer' | 'supplier'> | undefined): Task {
  return {
    id: task.id,
    ownerId: task.ownerId,
    kind: task.kind,
    name: task.name,
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
  // The queries of every submission, subscription and job: built once, prepared once per connection.
  const prepared = {
    taskAccess: db
      .select({ id: tasks.id, ownerId: tasks.ownerId, kind: tasks.kind, status: tasks.status })
      .from(tasks)
      .where(eq(tasks.id, sql.placeholder('taskId')))
      .prepare('nexa_task_access'),
    itemWithKind: db
      .select({ item: taskItems, kind: tasks.kind })
      .from(taskItems)
      .innerJoin(tasks, eq(tasks.id, taskItems.taskId))
      .where(eq(taskItems.id, sql.placeholder('itemId')))
      .prepare('nexa_item_with_kind'),
  };

  const placeholder = (name: string) => sql.placeholder(name);
  // The ends the single-row and multi-row twins below share, each after the twin's own CTEs.
  /** After `taken` (the items claimed): each with its task's kind, in a commit that does not wait for the disk. */
  const answerTakenItems = sql`relaxed AS (
          -- 'processing' is a hint, not a record: lost in a database crash, the item is just queued again
          -- and its job still runs. So this commit does not wait for the disk.
          SELECT set_config('synchronous_commit', 'off', true)
        )
        SELECT taken.id AS "itemId", taken.task_id AS "taskId", ${tasks.kind} AS "taskKind", taken.seq, taken.status, taken.error,
               taken.partnumber, taken.description, taken.manufacturer, taken.supplier
        FROM taken JOIN ${tasks} ON ${tasks.id} = taken.task_id CROSS JOIN relaxed`;
  /** After `stored` (the classifications inserted): their items and tasks done, and the classifications answered. */
  const finishStoredItemsAndTasks = sql`item_done AS (
          UPDATE ${taskItems} SET status = 'done', error = NULL, updated_at = now() FROM stored WHERE ${taskItems.id} = stored."taskItemId"
        ), task_done AS (
          UPDATE ${tasks} SET status = 'done', error = NULL, finished_at = now(), updated_at = now()
          FROM stored WHERE ${tasks.id} = stored."taskId" AND ${tasks.status} IN ('queued', 'processing')
        )
        SELECT * FROM stored`;
  // The statements of every submission and job, as raw SQL (writes that several tables take part in),
  // each twice: for one call, prepared with a plan PostgreSQL keeps, and multi-row, planned on every
  // run, for the calls that waited together (see `coalesced`). The twins must change together.
  const oneRowStatements = {
    createSingleTask: prepareRawStatement<TaskItemRef>(
      db,
      'nexa_create_single_task',
      sql`
        WITH task AS (
          INSERT INTO ${tasks} (id, owner_id, status, reclassify, finished_at, idempotency_key, joinable_partnumber, correlation_id, created_at)
          VALUES (${placeholder('taskId')}::uuid, ${placeholder('ownerId')}, ${placeholder('status')}::task_status, ${placeholder('reclassify')},
                  CASE WHEN ${placeholder('status')}::task_status = 'done' THEN now() END,
                  ${placeholder('idempotencyKey')}, ${placeholder('joinablePartnumber')}, ${placeholder('correlationId')}, ${createdAfterOwnersLatest(placeholder('ownerId'))})
          -- a key its owner already used, or the owner's partnumber already on its way (tasks_owner_running_partnumber)
          ON CONFLICT DO NOTHING
          RETURNING id
        )
        INSERT INTO ${taskItems} (task_id, seq, status, partnumber, description, manufacturer, supplier, known_classification_id)
        SELECT id, 1, ${placeholder('status')}::task_status, ${placeholder('partnumber')}, ${placeholder('description')}, ${placeholder('manufacturer')}, ${placeholder('supplier')},
               ${placeholder('answeredWith')}::uuid
        FROM task
        RETURNING id AS "itemId", task_id AS "taskId"`,
    ),
    ownersKnownClassifications: prepareRawStatement<ClassificationRow>(
      db,
      'nexa_owners_known_classifications',
      sql`
        SELECT ${classificationColumns} FROM ${classifications}
        WHERE ${classifications.partnumber} = ${placeholder('partnumber')} AND ${classifications.ownerId} = ${placeholder('ownerId')} AND ${inForce}
        ORDER BY ${approvedFirst}, ${classifications.createdAt} DESC`,
    ),
    inFlightTask: prepareRawStatement<ExistingTask>(
      db,
      'nexa_in_flight_task',
      sql`
        SELECT ${tasks.id} AS "taskId", ${tasks.status}, ${taskItems.partnumber}
        FROM ${taskItems} JOIN ${tasks} ON ${tasks.id} = ${taskItems.taskId}
        WHERE ${taskItems.partnumber} = ${placeholder('partnumber')} AND ${tasks.ownerId} = ${placeholder('ownerId')}
          AND ${taskItems.status} IN ('queued', 'processing') AND ${taskItems.seq} = 1 AND ${tasks.kind} = 'single'
        ORDER BY ${tasks.createdAt} DESC
        LIMIT 1`,
    ),
    claimItem: prepareRawStatement<StoredItemRow & { itemId: string }>(
      db,
      'nexa_claim_item',
      sql`
        WITH taken AS (
          UPDATE ${taskItems} SET status = 'processing', attempts = attempts + 1, updated_at = now()
          WHERE ${taskItems.id} = ${placeholder('itemId')} AND ${taskItems.status} IN ('queued', 'processing')
          RETURNING ${taskItems.id}, task_id, seq, status, error, partnumber, description, manufacturer, supplier
        ), started AS (
          UPDATE ${tasks} SET status = 'processing', updated_at = now()
          FROM taken WHERE ${tasks.id} = taken.task_id AND ${tasks.status} = 'queued'
          RETURNING ${tasks.id}
        ), ${answerTakenItems}`,
    ),
    completeSingleItem: prepareRawStatement<ClassificationRow>(
      db,
      'nexa_complete_single_item',
      sql`
        WITH item AS (
          SELECT ${taskItems.id}, ${taskItems.taskId}, ${taskItems.partnumber}, ${tasks.ownerId}
          FROM ${taskItems} JOIN ${tasks} ON ${tasks.id} = ${taskItems.taskId}
          WHERE ${taskItems.id} = ${placeholder('itemId')} AND ${tasks.kind} = 'single' AND ${taskItems.status} IN ('queued', 'processing')
          FOR UPDATE OF ${taskItems}
        ), stored AS (
          INSERT INTO ${classifications} (partnumber, task_item_id, task_id, owner_id, ncm, description, manufacturer, country, confidence, alternatives, justification, engine, status)
          SELECT item.partnumber, item.id, item.task_id, item.owner_id, ${placeholder('ncm')}, ${placeholder('description')}, ${placeholder('manufacturer')},
                 ${placeholder('country')}, ${placeholder('confidence')}, ${placeholder('alternatives')}::jsonb, ${placeholder('justification')}, ${placeholder('engine')}, 'ACTIVE'
          FROM item
          RETURNING ${classificationColumns}
        ), ${finishStoredItemsAndTasks}`,
    ),
  };

  // Each parameter of a multi-row twin is the array of its one-row twin's parameter of the same name
  // (see `columnsOf`), so both take their values from one builder.
  const manyRowStatements = {
    // Ids come from Node (the caller's, or made here), so each created row can be matched to the call that asked for it.
    createSingleTasks: rawStatement<TaskItemRef>(
      db,
      sql`
        WITH input AS (
          SELECT * FROM unnest(
            ${placeholder('taskId')}::uuid[], ${placeholder('itemId')}::uuid[], ${placeholder('ownerId')}::uuid[], ${placeholder('status')}::text[],
            ${placeholder('reclassify')}::boolean[], ${placeholder('idempotencyKey')}::text[], ${placeholder('joinablePartnumber')}::text[],
            ${placeholder('correlationId')}::text[],
            ${placeholder('partnumber')}::text[], ${placeholder('description')}::text[], ${placeholder('manufacturer')}::text[], ${placeholder('supplier')}::text[],
            ${placeholder('answeredWith')}::uuid[]
          ) WITH ORDINALITY AS input(task_id, item_id, owner_id, status, reclassify, idempotency_key, joinable_partnumber, correlation_id, partnumber, description, manufacturer, supplier,
                                     answered_with, ord)
        ), task AS (
          INSERT INTO ${tasks} (id, owner_id, status, reclassify, finished_at, idempotency_key, joinable_partnumber, correlation_id, created_at)
          SELECT task_id, owner_id, status::task_status, reclassify, CASE WHEN status = 'done' THEN now() END, idempotency_key, joinable_partnumber, correlation_id,
                 -- one owner's tasks of one statement: apart, and in the order they were asked for
                 ${createdAfterOwnersLatest(sql.raw('input.owner_id'))} + (ord - 1) * interval '1 microsecond'
          FROM input ORDER BY ord
          ON CONFLICT DO NOTHING
          RETURNING id
        )
        INSERT INTO ${taskItems} (id, task_id, seq, status, partnumber, description, manufacturer, supplier, known_classification_id)
        SELECT input.item_id, task.id, 1, input.status::task_status, input.partnumber, input.description, input.manufacturer, input.supplier, input.answered_with
        FROM task JOIN input ON input.task_id = task.id
        RETURNING id AS "itemId", task_id AS "taskId"`,
    ),
    ownersKnownClassifications: rawStatement<ClassificationRow & { ord: number }>(
      db,
      sql`
        SELECT input.ord::int AS ord, ${classificationColumns}
        FROM unnest(${placeholder('partnumber')}::text[], ${placeholder('ownerId')}::uuid[]) WITH ORDINALITY AS input(wanted_partnumber, wanted_owner_id, ord)
        JOIN ${classifications} ON ${classifications.partnumber} = input.wanted_partnumber AND ${classifications.ownerId} = input.wanted_owner_id AND ${inForce}
        ORDER BY input.ord, ${approvedFirst}, ${classifications.createdAt} DESC`,
    ),
    inFlightTasks: rawStatement<ExistingTask & { ord: number }>(
      db,
      sql`
        SELECT DISTINCT ON (input.ord) input.ord::int AS ord, ${tasks.id} AS "taskId", ${tasks.status}, ${taskItems.partnumber}
        FROM unnest(${placeholder('partnumber')}::text[], ${placeholder('ownerId')}::uuid[]) WITH ORDINALITY AS input(wanted_partnumber, wanted_owner_id, ord)
        JOIN ${taskItems} ON ${taskItems.partnumber} = input.wanted_partnumber AND ${taskItems.seq} = 1 AND ${taskItems.status} IN ('queued', 'processing')
        JOIN ${tasks} ON ${tasks.id} = ${taskItems.taskId} AND ${tasks.ownerId} = input.wanted_owner_id AND ${tasks.kind} = 'single'
        ORDER BY input.ord, ${tasks.createdAt} DESC`,
    ),
    // Claims and completions of concurrent jobs go together (see `coalesced`): one statement per batch,
    // taking the items' row locks in id order, items before tasks like every other writer.
    claimItems: rawStatement<StoredItemRow & { itemId: string }>(
      db,
      sql`
        WITH locked AS (
          SELECT ${taskItems.id} FROM ${taskItems}
          WHERE ${taskItems.id} = ANY(${placeholder('itemId')}::uuid[]) AND ${taskItems.status} IN ('queued', 'processing')
          ORDER BY ${taskItems.id}
          FOR UPDATE
        ), taken AS (
          UPDATE ${taskItems} SET status = 'processing', attempts = attempts + 1, updated_at = now()
          FROM locked WHERE ${taskItems.id} = locked.id
          RETURNING ${taskItems.id}, task_id, seq, status, error, partnumber, description, manufacturer, supplier
        ), started AS (
          UPDATE ${tasks} SET status = 'processing', updated_at = now()
          WHERE ${tasks.id} IN (SELECT task_id FROM taken) AND ${tasks.status} = 'queued'
          RETURNING ${tasks.id}
        ), ${answerTakenItems}`,
    ),
    completeSingleItems: rawStatement<ClassificationRow>(
      db,
      sql`
        WITH input AS (
          SELECT * FROM unnest(
            ${placeholder('itemId')}::uuid[], ${placeholder('ncm')}::text[], ${placeholder('description')}::text[],
            ${placeholder('manufacturer')}::text[], ${placeholder('country')}::text[], ${placeholder('confidence')}::real[],
            ${placeholder('alternatives')}::text[], ${placeholder('justification')}::text[], ${placeholder('engine')}::text[]
          ) AS input(item_id, ncm, description, manufacturer, country, confidence, alternatives, justification, engine)
        ), item AS (
          SELECT ${taskItems.id}, ${taskItems.taskId}, ${taskItems.partnumber}, ${tasks.ownerId}
          FROM ${taskItems} JOIN ${tasks} ON ${tasks.id} = ${taskItems.taskId}
          WHERE ${taskItems.id} = ANY(${placeholder('itemId')}::uuid[]) AND ${tasks.kind} = 'single' AND ${taskItems.status} IN ('queued', 'processing')
          ORDER BY ${taskItems.id}
          FOR UPDATE OF ${taskItems}
        ), stored AS (
          INSERT INTO ${classifications} (partnumber, task_item_id, task_id, owner_id, ncm, description, manufacturer, country, confidence, alternatives, justification, engine, status)
          SELECT DISTINCT ON (item.id) item.partnumber, item.id, item.task_id, item.owner_id, input.ncm, input.description, input.manufacturer,
                 input.country, input.confidence, input.alternatives::jsonb, input.justification, input.engine, 'ACTIVE'
          FROM item JOIN input ON input.item_id = item.id
          ORDER BY item.id
          RETURNING ${classificationColumns}
        ), ${finishStoredItemsAndTasks}`,
    ),
  };

  type AskedTask = NewSingleTask & { correlationId: string | null };
  const createValues = (task: AskedTask) => ({
    taskId: task.taskId ?? randomUUID(),
    ownerId: task.ownerId,
    status: task.status,
    reclassify: task.reclassify,
    idempotencyKey: task.idempotencyKey ?? null,
    joinablePartnumber: task.idempotencyKey ? null : task.part.partnumber,
    correlationId: task.correlationId,
    partnumber: task.part.partnumber,
    description: task.part.description ?? null,
    manufacturer: task.part.manufacturer ?? null,
    supplier: task.part.supplier ?? null,
    answeredWith: task.answeredWith ?? null,
  });
  /**
   * Records single tasks with their item; a task whose idempotency key its owner already used, or whose
   * partnumber its owner has on its way already (without a key), answers null.
   */
  const createSingleTaskTogether = coalescedStatement({
    one: async (task: AskedTask) => (await oneRowStatements.createSingleTask(createValues(task)))[0] ?? null,
    many: async (asked: AskedTask[]) => {
      const values = asked.map(createValues);
      const rows = await manyRowStatements.createSingleTasks({ ...columnsOf(values), itemId: values.map(() => randomUUID()) });
      const created = new Map(rows.map((row) => [row.taskId, row]));
      return values.map(({ taskId }) => created.get(taskId) ?? null);
    },
  });

  type PartnumberOfOwner = { partnumber: string; ownerId: string };
  // The lookups keyed by partnumber and owner; `ord` numbers the keys of a multi-row lookup from 1.
  const ownersKnownClassificationsTogether = coalescedStatement({
    one: (key: PartnumberOfOwner) => oneRowStatements.ownersKnownClassifications(key),
    many: async (keys: PartnumberOfOwner[]) => {
      const found: ClassificationRow[][] = keys.map(() => []);
      for (const { ord, ...row } of await manyRowStatements.ownersKnownClassifications(columnsOf(keys))) found[ord - 1]!.push(row);
      return found;
    },
  });

  const inFlightTaskTogether = coalescedStatement({
    one: async (key: PartnumberOfOwner) => (await oneRowStatements.inFlightTask(key))[0] ?? null,
    many: async (keys: PartnumberOfOwner[]) => {
      const found: Array<ExistingTask | null> = keys.map(() => null);
      for (const { ord, ...task } of await manyRowStatements.inFlightTasks(columnsOf(keys))) found[ord - 1] = task;
      return found;
    },
  });

  /** Takes items for processing and returns them; an item not taken (no longer queued or processing) answers null. */
  const claimItemTogether = coalescedStatement({
    one: async (itemId: string) => (await oneRowStatements.claimItem({ itemId }))[0] ?? null,
    many: async (itemIds: string[]) => {
      const taken = new Map((await manyRowStatements.claimItems({ itemId: itemIds })).map((row) => [row.itemId, row]));
      return itemIds.map((itemId) => taken.get(itemId) ?? null);
    },
  });

  type SingleCompletion = { itemId: string; outcome: ClassifierOutcome };
  const completionValues = ({ itemId, outcome }: SingleCompletion) => ({
    itemId,
    ncm: outcome.ncm,
    description: outcome.description,
    manufacturer: outcome.manufacturer ?? null,
    country: outcome.country ?? null,
    confidence: outcome.confidence,
    alternatives: JSON.stringify(outcome.alternatives),
    justification: outcome.justification ?? null,
    engine: outcome.engine,
  });
  /** Stores single tasks' results; an item this path does not cover (already done, or a batch's) answers null. */
  const completeSingleItemTogether = coalescedStatement({
    one: async (completion: SingleCompletion) => (await oneRowStatements.completeSingleItem(completionValues(completion)))[0] ?? null,
    many: async (completions: SingleCompletion[]) => {
      const stored = new Map((await manyRowStatements.completeSingleItems(columnsOf(completions.map(completionValues)))).map((row) => [row.taskItemId, row]));
      return completions.map(({ itemId }) => stored.get(itemId) ?? null);
    },
  });

  async function knownClassifications(partnumber: string, visibility: Visibility): Promise<Classification[]> {
    const rows =
      visibility === 'all'
        ? await db.select().from(classifications).where(and(eq(classifications.partnumber, partnumber), inForce)).orderBy(approvedFirst, desc(classifications.createdAt))
        : await ownersKnownClassificationsTogether({ partnumber, ownerId: visibility.ownerId });
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

  /**
   * For each REPLACED classification among `linked`, the one that stands now: an override stores its
   * classification as a new row, named only by the review's audit entry, and may itself be overridden.
   */
  async function replacementsOf(linked: ClassificationRow[]): Promise<Map<string, ClassificationRow>> {
    const current = new Map<string, ClassificationRow>();
    let pending = new Map(linked.filter((row) => row.status === 'REPLACED').map((row) => [row.id, row.id]));
    while (pending.size > 0) {
      const next = await db
        .select({ replacedId: auditLog.classificationId, replacement: classifications })
        .from(auditLog)
        .innerJoin(classifications, eq(classifications.id, auditLog.newClassificationId))
        .where(and(eq(auditLog.action, 'override'), inArray(auditLog.classificationId, [...pending.keys()])));
      const followed = new Map<string, string>();
      for (const { replacedId, replacement } of next) {
        const original = pending.get(replacedId)!;
        current.set(original, replacement);
        if (replacement.status === 'REPLACED') followed.set(replacement.id, original);
      }
      pending = followed;
    }
    return current;
  }

  async function countItems(taskId: string, on: NexaDatabase = db): Promise<BatchCounts> {
    const rows = await on
      .select({ status: taskItems.status, count: sql<number>`count(*)::int` })
      .from(taskItems)
      .where(eq(taskItems.taskId, taskId))
      .groupBy(taskItems.status);
    const counts = emptyCounts();
    for (const row of rows) {
      counts[row.status] = Number(row.count);
      counts.total += Number(row.count);
    }
    return counts;
  }

  /**
   * Creation time, strictly after the owner's newest task: task lists are "newest first" even for tasks
   * created within one clock tick (PGlite's clock has millisecond resolution). One index lookup.
   */
  function createdAfterOwnersLatest(ownerId: string | SQL | ReturnType<typeof sql.placeholder>): SQL {
    return sql`GREATEST(clock_timestamp(), (SELECT max(created_at) + interval '1 microsecond' FROM ${tasks} WHERE owner_id = ${ownerId}))`;
  }

  /**
   * Taken after the item's own row changed: the end-of-task check then runs one item at a time and
   * sees every item that ended before it (under READ COMMITTED two items ending at once would each
   * still see the other unfinished, and the task would never end), and exactly one of them sees it end.
   */
  async function lockTask(tx: NexaDatabase, taskId: string) {
    // NO KEY UPDATE: the classification just inserted holds a KEY SHARE lock on this row (its foreign key), which FOR UPDATE would wait on.
    await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, taskId)).for('no key update');
  }

  async function finishTaskIfAllItemsEnded(tx: NexaDatabase, taskId: string): Promise<TaskEnding | null> {
    // A single statement, so two items finishing at once cannot both miss the last one, and only one of them sees it end.
    const [ended] = await tx
      .update(tasks)
      .set({
        status: sql`CASE WHEN EXISTS (SELECT 1 FROM ${taskItems} WHERE task_id = ${taskId} AND status = 'done') THEN 'done'::task_status ELSE 'failed'::task_status END`,
        error: sql`(SELECT error FROM ${taskItems} WHERE task_id = ${taskId} AND status = 'failed' ORDER BY seq LIMIT 1)`,
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(tasks.id, taskId),
          inArray(tasks.status, ['queued', 'processing']),
          sql`NOT EXISTS (SELECT 1 FROM ${taskItems} WHERE task_id = ${taskId} AND status IN ('queued', 'processing'))`,
        ),
      )
      .returning({ status: tasks.status });
    if (!ended) return null;
    return { status: ended.status === 'done' ? 'done' : 'failed', counts: await countItems(taskId, tx) };
  }

  async function getItem(itemId: string): Promise<StoredItem | null> {
    const [row] = await prepared.itemWithKind.execute({ itemId });
    if (!row) return null;
    const { item, kind } = row;
    return toStoredItem({ ...item, taskKind: kind });
  }

  type Completed = Awaited<ReturnType<TaskStore['completeItem']>>;
  interface Completion {
    itemId: string;
    outcome: ClassifierOutcome;
  }

  /**
   * The items' classifications stored and the items finished in one transaction (see `coalesced`): a
   * batch's items, whose ends all take the task's row lock, then share one lock wait and one commit
   * instead of queueing for the lock one commit at a time. Items are locked in id order, then tasks in
   * id order, like every other writer. The task's end goes with the last of its items stored here.
   */
  async function completeItemsInOneTransaction(completions: Completion[]): Promise<Completed[]> {
    return db.transaction(async (tx) => {
      const itemIds = [...new Set(completions.map((completion) => completion.itemId))];
      const found = await tx
        .select({ item: taskItems, ownerId: tasks.ownerId, kind: tasks.kind, existing: classifications })
        .from(taskItems)
        .innerJoin(tasks, eq(tasks.id, taskItems.taskId))
        .leftJoin(classifications, eq(classifications.taskItemId, taskItems.id))
        .where(inArray(taskItems.id, itemIds))
        .orderBy(asc(taskItems.id))
        .for('update', { of: taskItems });
      const foundById = new Map(found.map((row) => [row.item.id, row]));
      const missing = itemIds.find((itemId) => !foundById.has(itemId));
      if (missing) throw new Error(`task item ${missing} does not exist`);

      // The first call for an item stores its outcome; any other (a retried job) gets the stored one.
      const firstCalls = new Map<string, Completion>();
      for (const completion of completions) if (!foundById.get(completion.itemId)!.existing && !firstCalls.has(completion.itemId)) firstCalls.set(completion.itemId, completion);
      const newRows = [...firstCalls.values()].map(({ itemId, outcome }) => {
        const { item, ownerId } = foundById.get(itemId)!;
        return { ...outcome, partnumber: item.partnumber, taskItemId: itemId, taskId: item.taskId, ownerId, status: 'ACTIVE' as const };
      });
      const inserted = newRows.length > 0 ? await tx.insert(classifications).values(newRows).returning() : [];
      const storedByItem = new Map(inserted.map((row) => [row.taskItemId!, toClassification(row)]));
      if (newRows.length > 0) await tx.update(taskItems).set({ status: 'done', error: null, updatedAt: new Date() }).where(inArray(taskItems.id, [...firstCalls.keys()]));

      const endedTaskIds = [...new Set([...firstCalls.keys()].map((itemId) => foundById.get(itemId)!.item.taskId))].sort();
      // A single task has no other item that could end meanwhile: no lock needed for an up-to-date end check.
      for (const taskId of endedTaskIds) if (found.some((row) => row.item.taskId === taskId && row.kind === 'batch')) await lockTask(tx as unknown as NexaDatabase, taskId);
      const endings = new Map<string, TaskEnding | null>();
      for (const taskId of endedTaskIds) endings.set(taskId, await finishTaskIfAllItemsEnded(tx as unknown as NexaDatabase, taskId));
      // A task's ending goes with the last of its items stored here.
      const lastStoredOfTask = new Map([...firstCalls.values()].map((completion) => [foundById.get(completion.itemId)!.item.taskId, completion]));

      const results: Completed[] = [];
      for (const completion of completions) {
        const { item, existing } = foundById.get(completion.itemId)!;
        if (firstCalls.get(completion.itemId) !== completion) {
          results.push({ classification: existing ? toClassification(existing) : storedByItem.get(completion.itemId)!, ending: null });
          continue;
        }
        results.push({ classification: storedByItem.get(completion.itemId)!, ending: lastStoredOfTask.get(item.taskId) === completion ? (endings.get(item.taskId) ?? null) : null });
      }
      return results;
    });
  }

  const completeItemsTogether = coalescedStatement({ many: completeItemsInOneTransaction });

  const completeItem: TaskStore['completeItem'] = (itemId, outcome) => completeItemsTogether({ itemId, outcome });

  return {
    async createSingleTask(task: NewSingleTask): Promise<TaskItemRef> {
      // The task and its item in one statement: atomic without a transaction, and one round trip.
      const asked = { ...task, correlationId: currentCorrelationId() ?? null };
      let created = await createSingleTaskTogether(asked);
      if (created) return created;
      if (!task.idempotencyKey) {
        const running = await inFlightTaskTogether({ partnumber: task.part.partnumber, ownerId: task.ownerId });
        if (running) throw new PartnumberInFlightError(running);
        // The running task it met ended in between: nothing is left to join.
        created = await createSingleTaskTogether(asked);
        if (created) return created;
        throw new Error('this partnumber was submitted again at the same moment; try again');
      }
      const existing = await findTaskByIdempotencyKey(task.idempotencyKey, task.ownerId);
      if (!existing) throw new Error('a task with this idempotency key was just deleted; try again');
      throw new IdempotencyKeyReusedError(existing);
    },

    findTaskByIdempotencyKey,

    async findInFlightTask(partnumber: string, ownerId: string): Promise<ExistingTask | null> {
      return inFlightTaskTogether({ partnumber, ownerId });
    },

    async createBatchTask({ ownerId, name, idempotencyKey, items, reclassify, known }: NewBatchTask): Promise<CreatedBatch> {
      const recorded = await db.transaction(async (tx) => {
        const allKnown = items.every((item) => known.has(item.partnumber));
        const status = allKnown ? 'done' : 'queued';
        const [task] = await tx
          .insert(tasks)
          .values({
            ownerId,
            kind: 'batch',
            name: name ?? null,
            status,
            reclassify,
            idempotencyKey: idempotencyKey ?? null,
            finishedAt: allKnown ? new Date() : null,
            correlationId: currentCorrelationId() ?? null,
            createdAt: createdAfterOwnersLatest(ownerId),
          })
          .onConflictDoNothing()
          .returning({ id: tasks.id });
        if (!task) return null;
        const taskId = task.id;
        const created: CreatedBatch = { taskId, status, queued: [], answered: [] };
        // One INSERT … SELECT FROM unnest(arrays) per chunk: a handful of parameters instead of one per cell,
        // and ids made here so nothing has to come back.
        for (let start = 0; start < items.length; start += INSERT_CHUNK) {
          const chunk = items.slice(start, start + INSERT_CHUNK);
          const ids = chunk.map(() => randomUUID());
          const column = <T>(pick: (item: BatchItemInput, index: number) => T) => sql.param(chunk.map(pick));
          await tx.execute(sql`
            INSERT INTO ${taskItems} (id, task_id, seq, partnumber, description, manufacturer, supplier, quantity, status, known_classification_id)
            SELECT id, ${taskId}::uuid, seq, partnumber, description, manufacturer, supplier, quantity, status::task_status, known
            FROM unnest(
              ${sql.param(ids)}::uuid[], ${column((_, index) => start + index + 1)}::int[], ${column((item) => item.partnumber)}::text[],
              ${column((item) => item.description ?? null)}::text[], ${column((item) => item.manufacturer ?? null)}::text[],
              ${column((item) => item.supplier ?? null)}::text[], ${column((item) => item.quantity ?? null)}::real[],
              ${column((item) => (known.has(item.partnumber) ? 'done' : 'queued'))}::text[], ${column((item) => known.get(item.partnumber)?.id ?? null)}::uuid[]
            ) AS input(id, seq, partnumber, description, manufacturer, supplier, quantity, status, known)`);
          chunk.forEach((item, index) => {
            const answer = known.get(item.partnumber);
            const itemId = ids[index]!;
            if (answer) created.answered.push({ itemId, seq: start + index + 1, partnumber: item.partnumber, classification: answer });
            else created.queued.push({ taskId, itemId });
          });
        }
        return created;
      });
      if (recorded) return recorded;
      const existing = await findTaskByIdempotencyKey(idempotencyKey!, ownerId);
      if (!existing) throw new Error('a task with this idempotency key was just deleted; try again');
      throw new IdempotencyKeyReusedError(existing);
    },

    async findSubmissionByIdempotencyKey(key: string, ownerId: string): Promise<RecordedSubmission | null> {
      const [row] = await db
        .select({
          taskId: tasks.id,
          kind: tasks.kind,
          status: tasks.status,
          itemCount: sql<number>`count(${taskItems.id})::int`,
          answeredFromHistory: sql<number>`count(${taskItems.knownClassificationId})::int`,
        })
        .from(tasks)
        .leftJoin(taskItems, eq(taskItems.taskId, tasks.id))
        .where(and(eq(tasks.idempotencyKey, key), eq(tasks.ownerId, ownerId)))
        .groupBy(tasks.id);
      return row ?? null;
    },

    async queuedItemIds(taskId: string) {
      const rows = await db
        .select({ id: taskItems.id })
        .from(taskItems)
        .where(and(eq(taskItems.taskId, taskId), eq(taskItems.status, 'queued')))
        .orderBy(asc(taskItems.seq));
      return rows.map((row) => row.id);
    },

    async latestKnownClassifications(partnumbers: readonly string[], visibility: Visibility) {
      const latest = new Map<string, Classification>();
      for (let start = 0; start < partnumbers.length; start += INSERT_CHUNK) {
        const chunk = partnumbers.slice(start, start + INSERT_CHUNK);
        const rows = await db
          .selectDistinctOn([classifications.partnumber])
          .from(classifications)
          .where(and(sql`${classifications.partnumber} = ANY(${sql.param(chunk)}::text[])`, inForce, visibleTo(visibility, classifications.ownerId)))
          .orderBy(classifications.partnumber, approvedFirst, desc(classifications.createdAt));
        for (const row of rows) latest.set(row.partnumber, toClassification(row));
      }
      return latest;
    },

    countItems: (taskId: string) => countItems(taskId),

    async listItems(taskId: string, afterSeq: number | null, limit: number, filter?: TaskItemsFilter): Promise<TaskItemsPage> {
      const rows = await db
        .select({ item: taskItems, produced: producedBy, answered: answeredWith })
        .from(taskItems)
        .leftJoin(producedBy, eq(producedBy.taskItemId, taskItems.id))
        .leftJoin(answeredWith, eq(answeredWith.id, taskItems.knownClassificationId))
        .where(and(eq(taskItems.taskId, taskId), afterSeq === null ? undefined : gt(taskItems.seq, afterSeq), filter ? admittedBy[filter] : undefined))
        .orderBy(asc(taskItems.seq))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const replacements = await replacementsOf(page.flatMap(({ produced, answered }) => produced ?? answered ?? []));
      const items: TaskItem[] = page.map(({ item, produced, answered }) => {
        const stored = produced ?? answered;
        const linked = stored ? (replacements.get(stored.id) ?? stored) : null;
        return {
          id: item.id,
          seq: item.seq,
          partnumber: item.partnumber,
          description: item.description,
          manufacturer: item.manufacturer,
          supplier: item.supplier,
          quantity: item.quantity,
          status: item.status,
          error: item.error,
          classification: linked ? toClassification(linked) : null,
        };
      });
      return { items, nextCursor: rows.length > limit ? page.at(-1)!.item.seq : null };
    },

    async cancelTask(taskId: string): Promise<CancelOutcome | null> {
      return db.transaction(async (tx) => {
        // Items before the task row, the order in which workers lock them (claimItem, completeItem,
        // completeSingleItem, failItem): the opposite order deadlocks with a worker picking up the batch's first item.
        // And the items in id order, as a worker's pickup of several items at once takes them.
        // Only a task still queued or processing has queued items, so this touches nothing otherwise.
        await tx
          .select({ id: taskItems.id })
          .from(taskItems)
          .where(and(eq(taskItems.taskId, taskId), eq(taskItems.status, 'queued')))
          .orderBy(asc(taskItems.id))
          .for('update');
        const cancelledItems = await tx
          .update(taskItems)
          .set({ status: 'cancelled', updatedAt: new Date() })
          .where(and(eq(taskItems.taskId, taskId), eq(taskItems.status, 'queued')))
          .returning({ id: taskItems.id });
        const [task] = await tx.select({ status: tasks.status, kind: tasks.kind }).from(tasks).where(eq(tasks.id, taskId)).for('no key update');
        if (!task) return null;
        // A single task a worker has taken has nothing left to stop: its result is on its way.
        const stoppable = task.status === 'queued' || (task.status === 'processing' && task.kind === 'batch');
        if (!stoppable) {
          return { cancelled: false, status: task.status, counts: await countItems(taskId, tx as unknown as NexaDatabase), cancelledItemIds: [] };
        }
        await tx.update(tasks).set({ status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() }).where(eq(tasks.id, taskId));
        const outcome: CancelOutcome = {
          cancelled: true,
          status: 'cancelled',
          counts: await countItems(taskId, tx as unknown as NexaDatabase),
          cancelledItemIds: cancelledItems.map((item) => item.id),
        };
        return outcome;
      });
    },

    async taskAccess(taskId: string): Promise<TaskAccess | null> {
      const [row] = await prepared.taskAccess.execute({ taskId });
      return row ?? null;
    },

    async getTask(taskId: string): Promise<TaskDetails | null> {
      const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
      if (!task) return null;
      const [item] = await db.select().from(taskItems).where(eq(taskItems.taskId, taskId)).orderBy(taskItems.seq).limit(1);
      // A batch's classifications travel with its items (task.items); a single task lists its own here.
      const produced =
        task.kind === 'batch'
          ? []
          : await db.select().from(classifications).where(eq(classifications.taskId, taskId)).orderBy(desc(classifications.createdAt));
      const answeredFromHistory = task.kind === 'single' && produced.length === 0 && task.status === 'done' && item;
      // Answered from its owner's history, so the same visibility the submission used.
      const ownerVisibility: Visibility = task.ownerId ? { ownerId: task.ownerId } : 'all';
      return {
        ...toTask(task, item),
        counts: await countItems(taskId),
        classifications: answeredFromHistory ? await knownClassifications(item.partnumber, ownerVisibility) : produced.map(toClassification),
      };
    },

    async listTasks({ visibility, status, after, limit }) {
      const rows = await db
        .select({
          task: tasks,
          // To the microsecond, which a Date would lose: tasks of one owner can be a microsecond apart.
          position: sql<string>`to_char(${tasks.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'`,
          item: { partnumber: taskItems.partnumber, description: taskItems.description, manufacturer: taskItems.manufacturer, supplier: taskItems.supplier },
          itemCount: sql<number>`(SELECT count(*) FROM ${taskItems} counted WHERE counted.task_id = ${tasks.id})::int`,
        })
        .from(tasks)
        .leftJoin(taskItems, and(eq(taskItems.taskId, tasks.id), eq(taskItems.seq, 1)))
        .where(
          and(
            visibleTo(visibility, tasks.ownerId),
            status ? eq(tasks.status, status) : undefined,
            after ? sql`(${tasks.createdAt}, ${tasks.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(tasks.createdAt), desc(tasks.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(({ task, item, itemCount }) => ({ ...toTask(task, item ?? undefined), itemCount })),
        nextCursor: rows.length > limit && last ? encodeTaskListCursor({ createdAt: last.position, id: last.task.id }) : null,
      };
    },

    async deleteTask(taskId: string) {
      return db.transaction(async (tx) => {
        // The items (in id order) before the task row that the delete takes, like every other writer:
        // the task row first deadlocked with a worker picking up the task's items.
        await tx.select({ id: taskItems.id }).from(taskItems).where(eq(taskItems.taskId, taskId)).orderBy(asc(taskItems.id)).for('update');
        // Kept too: the classifications other tasks' items were answered with, which are their results as well.
        const answersOtherTasks = sql`EXISTS (SELECT 1 FROM ${taskItems} answered WHERE answered.known_classification_id = ${classifications.id} AND answered.task_id <> ${taskId})`;
        await tx.delete(classifications).where(and(eq(classifications.taskId, taskId), ne(classifications.status, 'APPROVED'), not(answersOtherTasks)));
        const deleted = await tx.delete(tasks).where(eq(tasks.id, taskId)).returning({ id: tasks.id });
        return deleted.length > 0;
      });
    },

    knownClassifications,

    getItem,

    async claimItem(itemId: string): Promise<ItemClaim> {
      const taken = await claimItemTogether(itemId);
      if (taken) return { claimed: true, item: toStoredItem(taken) };
      return { claimed: false, item: await getItem(itemId) };
    },

    async completeSingleItem(itemId: string, outcome: ClassifierOutcome): Promise<Classification> {
      // A single task's only item: the classification stored, the item and the task finished, in one statement.
      const stored = await completeSingleItemTogether({ itemId, outcome });
      if (stored) return toClassification(stored);
      // Already done (a retried job), or not in a state this path covers: the general path decides.
      return (await completeItem(itemId, outcome)).classification;
    },

    completeItem,

    async classificationOfItem(itemId: string) {
      const [row] = await db.select().from(classifications).where(eq(classifications.taskItemId, itemId));
      return row ? toClassification(row) : null;
    },

    async failItem(itemId: string, reason: string) {
      return db.transaction(async (tx) => {
        const [item] = await tx
          .update(taskItems)
          .set({ status: 'failed', error: reason, updatedAt: new Date() })
          .where(and(eq(taskItems.id, itemId), inArray(taskItems.status, ['queued', 'processing'])))
          .returning({ taskId: taskItems.taskId });
        if (!item) return { failed: false, ending: null };
        await lockTask(tx as unknown as NexaDatabase, item.taskId);
        const ending = await finishTaskIfAllItemsEnded(tx as unknown as NexaDatabase, item.taskId);
        return { failed: true, ending };
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
