import type { TestNexa } from './harness';

export interface UploadFile {
  bytes: Uint8Array | string;
  name: string;
  type: string;
}

/** The Authorization header for a credential; none for `null`. */
export const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** `POST /api/uploads` with a multipart form, signed in as the test user unless `token` says otherwise (`null`: no credentials). */
export async function upload(nexa: TestNexa, file: UploadFile | null, fields: Record<string, string> = {}, token: string | null = nexa.token) {
  const form = new FormData();
  if (file) form.append('file', new Blob([typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes)], { type: file.type }), file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(`${nexa.nexa.url}/api/uploads`, { method: 'POST', body: form, headers: bearer(token) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** `GET /api/tasks/:taskId/export.<format>`, signed in as the test user unless `token` says otherwise. */
export function fetchExport(nexa: TestNexa, taskId: string, format: 'xlsx' | 'csv', token: string | null = nexa.token) {
  return fetch(`${nexa.nexa.url}/api/tasks/${taskId}/export.${format}`, { headers: bearer(token) });
}
