import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RouterOutputs } from '@nexa/client';
import type { IntakeResult } from '@nexa/intake';
import type { CommandContext } from './context';
import { CliError, ExitCode, toCliError } from './exit-codes';

/** The plain-HTTP endpoints next to /trpc (uploads, exports), with the same token and error mapping. */
async function request(context: CommandContext, pathname: string, init: RequestInit = {}): Promise<Response> {
  const { url, token } = context.settings;
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(new URL(pathname, url), { ...init, headers, signal: context.signal });
  } catch (error) {
    throw toCliError(error, url);
  }
  if (response.ok) return response;
  const body = await response.text();
  // The /api endpoints answer errors as `{ code, message }`.
  let message = body;
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') message = typeof parsed.code === 'string' ? `${parsed.code}: ${parsed.message}` : parsed.message;
  } catch {
    // a non-JSON body is shown as it is
  }
  const exitCode =
    response.status === 401 || response.status === 403
      ? ExitCode.unauthorized
      : response.status === 404
        ? ExitCode.notFound
        : response.status >= 400 && response.status < 500
          ? ExitCode.usage
          : ExitCode.serverError;
  throw new CliError(`${pathname}: HTTP ${response.status} ${message}`.trim(), exitCode);
}

/** What `POST /api/uploads` answers: the batch as `classification.submitBatch` does, and how the file was read. */
export type UploadAnswer = RouterOutputs['classification']['submitBatch'] & Pick<IntakeResult, 'format' | 'rejected'> & { layout: string | null };

/** `POST /api/uploads` (multipart, field `file`): the file becomes one batch task. */
export async function uploadFile(context: CommandContext, file: string, { reclassify = false, name }: { reclassify?: boolean; name?: string | undefined } = {}): Promise<UploadAnswer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, ExitCode.usage);
  }
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), path.basename(file));
  if (reclassify) form.append('reclassify', 'true');
  if (name !== undefined) form.append('name', name);
  const response = await request(context, '/api/uploads', { method: 'POST', body: form });
  return (await response.json()) as UploadAnswer;
}

/** `GET /api/tasks/:id/export.<format>` into `out`, or to stdout when `out` is absent. */
export async function downloadExport(context: CommandContext, taskId: string, format: 'xlsx' | 'csv', out: string | undefined): Promise<void> {
  const response = await request(context, `/api/tasks/${encodeURIComponent(taskId)}/export.${format}`);
  if (!response.body) throw new CliError('the export answer had no body', ExitCode.serverError);
  if (!out && format === 'xlsx' && process.stdout.isTTY) throw new CliError('an xlsx export is binary: give --out <file> or redirect stdout', ExitCode.usage);
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  if (out) await pipeline(body, createWriteStream(out));
  else await pipeline(body, process.stdout, { end: false });
}
