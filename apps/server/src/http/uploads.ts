import multipart from '@fastify/multipart';
import { BATCH_NAME_MAX, submitBatchOutput } from '@nexa/contracts';
import { parseFile } from '@nexa/intake';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiCaller } from './api-caller';
import { ApiError, sendApiError } from './api-errors';
import { idempotencyKeyOf } from './idempotency-key-header';

export interface UploadRoutesOptions {
  callerFor(request: FastifyRequest): Promise<ApiCaller>;
  maxBytes: number;
  maxItems: number;
  maxXlsxUnpackedBytes?: number | undefined;
}

export const rejectedRow = z.object({
  row: z.number().int().positive().describe('the spreadsheet row (1-based, header included) or the PDF text line'),
  column: z.string().describe('the refused field: partnumber, quantity, …'),
  reason: z.string(),
});

/** What `POST /api/uploads` answers: the batch `classification.submitBatch` made of the file, and how the file was read. */
export const uploadOutput = submitBatchOutput.extend({
  format: z.enum(['csv', 'xlsx', 'pdf']),
  layout: z.string().nullable().describe('the PDF layout that read the file; null for a spreadsheet'),
  rejected: z.array(rejectedRow).describe('every row that was not read'),
});

const YES = ['1', 'true', 'yes', 'on'];
const NO = ['0', 'false', 'no', 'off', ''];

/** `reclassify` as a form field or query parameter; a value that is neither yes nor no is refused, not read as no. */
function reclassifyOf(value: unknown): boolean {
  if (value === undefined) return false;
  const text = String(value).trim().toLowerCase();
  if (YES.includes(text)) return true;
  if (NO.includes(text)) return false;
  throw new ApiError(400, 'BAD_REQUEST', 'reclassify must be true or false');
}

/** The batch's default name: the file's own name, without any folders a client sent with it. */
function nameOfFile(filename: string): string | undefined {
  const base = filename.split(/[\\/]/).at(-1)!.trim();
  return base ? base.slice(0, BATCH_NAME_MAX) : undefined;
}

/** `POST /api/uploads`: a CSV, XLSX or PDF in the multipart field `file` becomes one batch task, named by the field `name` or after the file. */
export async function uploadRoutes(app: FastifyInstance, { callerFor, maxBytes, maxItems, maxXlsxUnpackedBytes }: UploadRoutesOptions) {
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 }, throwFileSizeLimit: true });

  app.post('/api/uploads', async (request, reply) => {
    try {
      const caller = await callerFor(request);
      // Refuse a caller without valid credentials before reading (and parsing) a file of up to UPLOAD_MAX_BYTES.
      await caller.auth.me();
      if (!request.isMultipart()) throw new ApiError(415, 'UNSUPPORTED_TYPE', 'send the file as multipart/form-data in the field "file"');
      let file: { bytes: Buffer; filename: string; mimeType: string } | null = null;
      let reclassify = reclassifyOf((request.query as Record<string, unknown>).reclassify);
      let name: string | undefined;
      let idempotencyKey: string | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw new ApiError(400, 'BAD_REQUEST', `unexpected file field "${part.fieldname}": use "file"`);
          file = { bytes: await part.toBuffer(), filename: part.filename, mimeType: part.mimetype };
        } else if (part.fieldname === 'reclassify') {
          reclassify = reclassifyOf(part.value);
        } else if (part.fieldname === 'name') {
          name = String(part.value);
        } else if (part.fieldname === 'idempotencyKey') {
          idempotencyKey = String(part.value);
        }
      }
      if (!file) throw new ApiError(400, 'NO_FILE', 'no file: send it in the multipart field "file"');
      const parsed = await parseFile(file.bytes, { filename: file.filename, mimeType: file.mimeType, maxBytes, maxItems, maxXlsxUnpackedBytes });
      const task = await caller.classification.submitBatch({
        items: parsed.items,
        reclassify,
        name: name ?? nameOfFile(file.filename),
        idempotencyKey: idempotencyKeyOf(request, idempotencyKey) as string | undefined,
      });
      return reply.code(201).send({ ...task, format: parsed.format, layout: parsed.layout ?? null, rejected: parsed.rejected } satisfies z.infer<typeof uploadOutput>);
    } catch (error) {
      return sendApiError(request, reply, error);
    }
  });
}
