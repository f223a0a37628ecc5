import { z } from 'zod';
import { classification, classificationStatus, ncmCode, partnumber } from './classification';

export const reviewAction = z.enum(['approve', 'reject', 'override']);
export type ReviewAction = z.infer<typeof reviewAction>;

export const reviewInput = z
  .strictObject({
    id: z.string({ error: 'id must be a string' }).uuid('id must be a UUID'),
    action: reviewAction,
    ncm: ncmCode.optional(),
    note: z.string({ error: 'note must be a string' }).trim().max(2000, 'note must have at most 2000 characters').optional(),
  })
  .superRefine((input, context) => {
    if (input.action === 'override' && !input.ncm) context.addIssue({ code: 'custom', path: ['ncm'], message: 'ncm is required to override' });
    if (input.action !== 'override' && input.ncm) context.addIssue({ code: 'custom', path: ['ncm'], message: 'ncm is only accepted with override' });
  });
export type ReviewInput = z.infer<typeof reviewInput>;

export const auditEntry = z.object({
  id: z.string().uuid(),
  classificationId: z.string().uuid(),
  /** The classification an override created. */
  newClassificationId: z.string().uuid().nullable(),
  partnumber: z.string(),
  actorId: z.string().uuid().nullable(),
  action: reviewAction,
  oldStatus: classificationStatus,
  newStatus: classificationStatus,
  oldNcm: ncmCode,
  newNcm: ncmCode,
  engine: z.string(),
  /** Version of the NCM table the decision was taken against; null until Nexa keeps one. */
  tableVersion: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const reviewOutput = z.object({
  classification,
  /** For an override: the classification it replaced (now REPLACED). */
  replaced: classification.nullable(),
  audit: auditEntry,
});
export type ReviewOutput = z.infer<typeof reviewOutput>;

export const partnumberGetInput = z.strictObject({ partnumber });
export const partnumberHistory = z.object({
  partnumber: z.string(),
  classifications: z.array(classification),
  audit: z.array(auditEntry),
});
export type PartnumberHistory = z.infer<typeof partnumberHistory>;

export interface ReviewRequest extends ReviewInput {
  actorId: string;
}
