import { z } from 'zod';

/**
 * The entries of the approved-classification memory (a Redis stream, one JSON entry each), which
 * classifiers follow to learn from review. See docs/ai_server_integration.md.
 */

/** A classification that became APPROVED: its partnumber is answered with its code from then on. */
export const approvedClassification = z.object({
  /** The approved classification; entries written before withdrawals existed have none. */
  classificationId: z.string().optional(),
  partnumber: z.string(),
  ncm: z.string(),
  description: z.string().catch(''),
});
export type ApprovedClassification = z.infer<typeof approvedClassification>;

/**
 * An approved classification that left APPROVED (rejected, or replaced by an override): the memory
 * forgets it, and answers its partnumber with the latest approval of it still remembered, if any.
 */
export const withdrawnApproval = z.object({
  classificationId: z.string(),
  partnumber: z.string(),
  ncm: z.string(),
});
export type WithdrawnApproval = z.infer<typeof withdrawnApproval>;

/** A withdrawal is nested under `withdrawn`, so a reader that only knows approvals skips it. */
export const approvedMemoryEntry = z.union([z.object({ withdrawn: withdrawnApproval }), approvedClassification]);
export type ApprovedMemoryEntry = z.infer<typeof approvedMemoryEntry>;
