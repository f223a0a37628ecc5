import { z } from 'zod';

/**
 * The Nexa AI server wire protocol: a job is posted over HTTP (answered `202 {job_id}`), and its
 * progress and result are published as JSON on the Redis Pub/Sub channel the caller named.
 * See docs/ai_server_integration.md.
 */

/** A Redis channel name chosen by the caller; it must not contain glob or control characters. */
export const aiProgressChannel = z
  .string({ error: 'progress_channel must be a string' })
  .regex(/^[A-Za-z0-9:_.\-]{1,200}$/, 'progress_channel must be 1–200 letters, digits or : _ . -');

const optionalField = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, `${field} must have at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : undefined));

const aiPartnumber = z
  .string({ error: 'partnumber must be a string' })
  .trim()
  .min(1, 'partnumber must not be empty')
  .max(64, 'partnumber must have at most 64 characters');

export const aiPartFields = z.object({
  description: optionalField('description', 2000),
  manufacturer: optionalField('manufacturer', 200),
  supplier: optionalField('supplier', 200),
});

export const aiSingleRequest = aiPartFields.extend({
  progress_channel: aiProgressChannel,
  partnumber: aiPartnumber,
});
export type AiSingleRequest = z.input<typeof aiSingleRequest>;

export const aiBatchRequest = z.object({
  progress_channel: aiProgressChannel,
  partnumbers: z
    .record(aiPartnumber, aiPartFields)
    .refine((parts) => Object.keys(parts).length > 0, 'partnumbers must name at least one partnumber')
    .refine((parts) => Object.keys(parts).length <= 500, 'partnumbers may name at most 500 partnumbers'),
});
export type AiBatchRequest = z.input<typeof aiBatchRequest>;

export const aiJobAccepted = z.object({ job_id: z.string().min(1) });
export type AiJobAccepted = z.infer<typeof aiJobAccepted>;

/** Error body of every non-2xx answer. */
export const aiErrorBody = z.object({
  error: z.enum(['bad_request', 'unauthorized', 'not_found', 'internal', 'unavailable']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type AiErrorBody = z.infer<typeof aiErrorBody>;

/** Nexa's additions to a result; an AI server that does not send them stays compatible. */
export const aiNexaExtension = z.object({
  candidates: z.array(z.object({ code: z.string(), description: z.string(), path: z.string(), score: z.number() })),
  justification: z.string().nullable(),
  needsReview: z.boolean(),
  engine: z.string(),
  tableVersion: z.string().nullable(),
});
export type AiNexaExtension = z.infer<typeof aiNexaExtension>;

/** One partnumber's classification as the earlier AI server sent it (Portuguese field names kept). */
export const aiClassificationResult = z.object({
  partnumber: z.string(),
  /** 8 digits, dotted ('8542.31.90') or plain. */
  ncm: z.string().regex(/^\d{4}\.?\d{2}\.?\d{2}$/, 'ncm must be an 8-digit NCM code'),
  description: z.string().min(1),
  exception: z.string().nullable().optional(),
  nve: z.string().nullable().optional(),
  fabricante: z.string().nullable().optional(),
  endereco: z.string().nullable().optional(),
  pais: z.string().nullable().optional(),
  confidence_score: z.number().min(0).max(1),
  nexa: aiNexaExtension.optional(),
});
export type AiClassificationResult = z.infer<typeof aiClassificationResult>;

export const aiBatchResult = z.object({
  results: z.record(z.string(), aiClassificationResult),
  /** Partnumbers that could not be classified, with the reason. */
  errors: z.record(z.string(), z.string()),
});
export type AiBatchResult = z.infer<typeof aiBatchResult>;

export const aiProcessingMessage = z.object({
  status: z.literal('processing'),
  job_id: z.string(),
  progress: z.object({ current: z.number().int().nonnegative(), total: z.number().int().positive(), message: z.string() }),
});

export const aiPartialResultMessage = z.object({
  status: z.literal('partial_result'),
  job_id: z.string(),
  current: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  message: z.string(),
  single_classification: aiClassificationResult,
});

export const aiDoneMessage = z.object({
  status: z.literal('done'),
  job_id: z.string(),
  result: z.union([aiClassificationResult, aiBatchResult]),
});

export const aiFailedMessage = z.object({
  status: z.literal('failed'),
  job_id: z.string(),
  error: z.string(),
  /** `false`: a definite answer (no code matches the part), which Nexa does not retry. Absent or `true`: retried. */
  retryable: z.boolean().optional(),
});

export const aiProgressMessage = z.discriminatedUnion('status', [aiProcessingMessage, aiPartialResultMessage, aiDoneMessage, aiFailedMessage]);
export type AiProgressMessage = z.infer<typeof aiProgressMessage>;
export type AiDoneMessage = z.infer<typeof aiDoneMessage>;
