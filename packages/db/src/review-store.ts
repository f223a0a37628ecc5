import { reportingUnavailability, type AuditEntry, type ClassificationStatus, type ReviewAction, type ReviewOutcome, type ReviewStore } from '@nexa/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { NexaDatabase } from './client';
import { isDatabaseConnectivityError } from './connectivity';
import { auditLog, classifications, users } from './schema';
import { toClassification, visibleTo } from './task-store';

/** The statuses each action may start from; a REPLACED classification is history and cannot be reviewed. */
const allowedFrom: Record<ReviewAction, readonly ClassificationStatus[]> = {
  approve: ['ACTIVE', 'REJECTED'],
  reject: ['ACTIVE', 'APPROVED'],
  override: ['ACTIVE', 'APPROVED', 'REJECTED'],
};

/** Engine name of a classification a person set by overriding another. */
export const MANUAL_ENGINE = 'manual';

function toAuditEntry(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    id: row.id,
    classificationId: row.classificationId,
    newClassificationId: row.newClassificationId,
    partnumber: row.partnumber,
    actorId: row.actorId,
    action: row.action,
    oldStatus: row.oldStatus,
    newStatus: row.newStatus,
    oldNcm: row.oldNcm,
    newNcm: row.newNcm,
    engine: row.engine,
    tableVersion: row.tableVersion,
    note: row.note,
    at: row.createdAt.toISOString(),
  };
}

export function createReviewStore(db: NexaDatabase, options: { tableVersion?: () => string | null } = {}): ReviewStore {
  return reportingUnavailability(createRawReviewStore(db, options.tableVersion ?? (() => null)), 'database', isDatabaseConnectivityError);
}

function createRawReviewStore(db: NexaDatabase, tableVersion: () => string | null): ReviewStore {
  return {
    async review({ id, action, ncm, note, actorId }, visibility): Promise<ReviewOutcome> {
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(classifications)
          .where(and(eq(classifications.id, id), visibleTo(visibility, classifications.ownerId)))
          .for('update');
        if (!current) return { status: 'not_found' };
        if (!allowedFrom[action].includes(current.status)) {
          return { status: 'conflict', message: `cannot ${action} a ${current.status} classification` };
        }

        type Row = typeof current;
        let reviewed: Row;
        let replaced: Row | null = null;
        if (action === 'override') {
          [replaced = null] = await tx.update(classifications).set({ status: 'REPLACED' }).where(eq(classifications.id, id)).returning();
          [reviewed = current] = await tx
            .insert(classifications)
            .values({
              partnumber: current.partnumber,
              taskId: current.taskId,
              ownerId: current.ownerId,
              ncm: ncm!,
              description: current.description,
              manufacturer: current.manufacturer,
              country: current.country,
              confidence: 1,
              alternatives: [],
              justification: note ?? `set by review, replacing ${current.ncm}`,
              engine: MANUAL_ENGINE,
              status: 'APPROVED',
            })
            .returning();
        } else {
          [reviewed = current] = await tx
            .update(classifications)
            .set({ status: action === 'approve' ? 'APPROVED' : 'REJECTED' })
            .where(eq(classifications.id, id))
            .returning();
        }

        const [audit] = await tx
          .insert(auditLog)
          .values({
            classificationId: current.id,
            newClassificationId: action === 'override' ? reviewed.id : null,
            partnumber: current.partnumber,
            ownerId: current.ownerId,
            actorId,
            action,
            oldStatus: current.status,
            newStatus: reviewed.status,
            oldNcm: current.ncm,
            newNcm: reviewed.ncm,
            engine: current.engine,
            tableVersion: tableVersion(),
            note: note ?? null,
            // When the review took effect, after the row lock: not when its transaction began (now()), which
            // puts a review that waited for the lock before the one it waited for.
            createdAt: sql`clock_timestamp()`,
          })
          .returning();
        return {
          status: 'done',
          output: { classification: toClassification(reviewed), replaced: replaced ? toClassification(replaced) : null, audit: toAuditEntry(audit!) },
        };
      });
    },

    async partnumberHistory(partnumber, visibility) {
      const rows = await db
        .select()
        .from(classifications)
        .where(and(eq(classifications.partnumber, partnumber), visibleTo(visibility, classifications.ownerId)))
        .orderBy(desc(classifications.createdAt));
      const audit = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.partnumber, partnumber), visibleTo(visibility, auditLog.ownerId)))
        .orderBy(desc(auditLog.createdAt));
      return { partnumber, classifications: rows.map(toClassification), audit: audit.map(toAuditEntry) };
    },

    async approvedForMemory({ adminsOnly }) {
      // The review that made each classification APPROVED: an approve names it, an override names the one it created.
      const approvedId = sql`coalesce(${auditLog.newClassificationId}, ${auditLog.classificationId})`;
      const approvals = db
        .selectDistinctOn([approvedId], { classificationId: sql<string>`${approvedId}`.as('approved_id'), actorId: auditLog.actorId, at: auditLog.createdAt })
        .from(auditLog)
        .where(eq(auditLog.newStatus, 'APPROVED'))
        .orderBy(approvedId, desc(auditLog.createdAt))
        .as('approvals');
      return db
        .select({ classificationId: classifications.id, partnumber: classifications.partnumber, ncm: classifications.ncm, description: classifications.description })
        .from(classifications)
        .innerJoin(approvals, eq(approvals.classificationId, classifications.id))
        .leftJoin(users, eq(users.id, approvals.actorId))
        .where(and(eq(classifications.status, 'APPROVED'), adminsOnly ? eq(users.role, 'admin') : undefined))
        .orderBy(approvals.at);
    },
  };
}
