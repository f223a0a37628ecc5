/** A refused row of an uploaded file: the spreadsheet row (or PDF line), the field and why. */
export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
}

export interface UploadSummary {
  taskId: string;
  total: number;
  duplicates: number;
  answeredFromHistory: number;
  queued: number;
  format: 'csv' | 'xlsx' | 'pdf';
  rejected: RejectedRow[];
}

export type UploadOutcome = { ok: true; summary: UploadSummary } | { ok: false; code: string; message: string; rejected: RejectedRow[] };

/** The upload's summary is kept for the tab's life, so the batch page shows the refused rows even after a reload. */
const summaryKey = (taskId: string) => `nexa.upload.${taskId}`;
export const rememberUpload = (summary: UploadSummary) => sessionStorage.setItem(summaryKey(summary.taskId), JSON.stringify(summary));
export function recalledUpload(taskId: string): UploadSummary | null {
  const stored = sessionStorage.getItem(summaryKey(taskId));
  return stored ? (JSON.parse(stored) as UploadSummary) : null;
}

/** Reads an `/api/uploads` answer: 201 with the batch, or a typed error body `{ code, message, rejected? }`. */
export async function readUploadAnswer(response: Response): Promise<UploadOutcome> {
  const body = (await response.json().catch(() => ({}))) as Partial<UploadSummary> & { code?: string; message?: string; rejected?: RejectedRow[] };
  if (response.status === 201) return { ok: true, summary: body as UploadSummary };
  return { ok: false, code: body.code ?? String(response.status), message: body.message ?? response.statusText, rejected: body.rejected ?? [] };
}
