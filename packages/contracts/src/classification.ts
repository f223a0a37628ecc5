import { z } from 'zod';

/** A full 8-digit NCM code, digits only (e.g. `85423190`). */
export const ncmCode = z.string().regex(/^\d{8}$/, 'must be 8 digits');

export const partnumber = z
  .string({ error: 'partnumber must be a string' })
  .trim()
  .toUpperCase()
  .min(3, 'partnumber must have at least 3 characters')
  .max(64, 'partnumber must have at most 64 characters');

const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, `${field} must have at most ${max} characters`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** Strict: a misspelt field (`qty`, `desc`) is refused by name instead of dropped unnoticed. */
export const partInput = z.strictObject({
  partnumber,
  description: optionalText('description', 2000),
  manufacturer: optionalText('manufacturer', 200),
  supplier: optionalText('supplier', 200),
});
export type PartInput = z.infer<typeof partInput>;

export const classificationStatus = z.enum(['ACTIVE', 'APPROVED', 'REPLACED', 'REJECTED']);
export type ClassificationStatus = z.infer<typeof classificationStatus>;

export const alternative = z.object({
  ncm: ncmCode,
  description: z.string(),
  score: z.number(),
});

export const classification = z.object({
  id: z.string().uuid(),
  partnumber: z.string(),
  ncm: ncmCode,
  description: z.string(),
  manufacturer: z.string().nullable(),
  country: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(alternative),
  justification: z.string().nullable(),
  engine: z.string(),
  status: classificationStatus,
  taskId: z.string().uuid().nullable(),
  createdAt: z.string(),
});
export type Classification = z.infer<typeof classification>;

/** A classification below this confidence needs a human review (the engine's threshold, `needsReview`). */
export const NEEDS_REVIEW_BELOW = 0.6;
/** Still as the classifier left it (no review yet) and less sure than the engine trusts: an analyst should look. */
export const needsReview = (classification: Pick<Classification, 'status' | 'confidence'>) =>
  classification.status === 'ACTIVE' && classification.confidence < NEEDS_REVIEW_BELOW;

/** What an AI classifier produces for one part, before Nexa stores it. */
export const classifierOutcome = z.object({
  ncm: ncmCode,
  description: z.string().min(1),
  manufacturer: z.string().nullable().default(null),
  country: z.string().nullable().default(null),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(alternative).default([]),
  justification: z.string().nullable().default(null),
  engine: z.string().min(1),
});
export type ClassifierOutcome = z.infer<typeof classifierOutcome>;
