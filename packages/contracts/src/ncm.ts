import { z } from 'zod';
import { pageLimit } from './page-limit';

const NCM_CODE_LENGTHS = new Set([2, 4, 5, 6, 7, 8]);

/**
 * An NCM code at any level, dotted as published ('8542.31.90', '85.42') or plain ('85423190');
 * parsed to its digits.
 */
export const ncmAnyCode = z
  .string({ error: 'code must be a string' })
  .trim()
  .regex(/^[\d.\s]+$/, 'code must contain only digits and dots, e.g. 8542.31.90 or 85423190')
  .transform((value) => value.replace(/[.\s]/g, ''))
  .refine((digits) => NCM_CODE_LENGTHS.has(digits.length), 'code must have 2, 4, 5, 6, 7 or 8 digits');

/** `85423190` → `8542.31.90`, as NCM codes are written on import declarations; anything else as it is. */
export const formatNcm = (ncm: string) => (/^\d{8}$/.test(ncm) ? `${ncm.slice(0, 4)}.${ncm.slice(4, 6)}.${ncm.slice(6)}` : ncm);

export const ncmGetInput = z.object({ code: ncmAnyCode });

export const ncmEntryView = z.object({
  /** Digits only. */
  code: z.string(),
  /** As published: '8542.31.90'. */
  dotted: z.string(),
  description: z.string(),
  depth: z.number().int().nonnegative(),
  parent: z.string().nullable(),
  /** Descriptions from the chapter down to this entry, joined with ' > '. */
  path: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Comex Stat's description of the 8-digit code on its own, when imported. */
  standaloneDescription: z.string().nullable(),
  /** Set when a later table import no longer contained the code. */
  removedAt: z.string().nullable(),
  /** The ancestors, chapter first (each with code, dotted and description). */
  ancestors: z.array(z.object({ code: z.string(), dotted: z.string(), description: z.string() })),
});
export type NcmEntryView = z.infer<typeof ncmEntryView>;

export const ncmSearchInput = z.object({
  query: z
    .string({ error: 'query must be a string' })
    .trim()
    .min(2, 'query must have at least 2 characters')
    .max(200, 'query must have at most 200 characters'),
  limit: pageLimit(50).default(10),
});
export type NcmSearchInput = z.input<typeof ncmSearchInput>;

export const ncmSearchHit = z.object({
  code: z.string(),
  dotted: z.string(),
  description: z.string(),
  path: z.string(),
  score: z.number(),
});
export type NcmSearchHit = z.infer<typeof ncmSearchHit>;

/** A file path or an http(s) URL. */
const tableSource = z.string({ error: 'source must be a string' }).trim().min(1, 'source must name a file or an http(s) URL');

export const ncmImportInput = z.object({
  /** The official Siscomex "Tabela NCM vigente" JSON. */
  source: tableSource,
  /** Optional Comex Stat NCM.csv (`;`-separated) adding standalone descriptions of 8-digit codes. */
  comexstat: tableSource.optional(),
});
export type NcmImportInput = z.infer<typeof ncmImportInput>;

export const ncmImportReport = z.object({
  version: z.string(),
  act: z.string(),
  /** Codes in the imported table. */
  total: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  /** Codes that were in force before and are not in this table; they leave search. */
  removed: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
});
export type NcmImportReport = z.infer<typeof ncmImportReport>;

/** The table could not be read or is not a valid NCM table; nothing was changed. */
export class NcmImportError extends Error {
  override name = 'NcmImportError';
}
