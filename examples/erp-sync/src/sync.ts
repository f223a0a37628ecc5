import { eventsOfMessage, type NexaClient } from '@nexa/client';
import type { ErpPart } from './erp-csv';

export type SyncedPart =
  | (ErpPart & { status: 'done'; ncm: string; ncmDescription: string; confidence: number; taskId: string })
  | (ErpPart & { status: 'failed'; error: string; taskId: string | null });

export interface SyncOptions {
  /** Parts classified at the same time. */
  concurrency?: number;
  onProgress?(done: number, total: number, part: SyncedPart): void;
  signal?: AbortSignal;
}

/** Classifies every part (live, through the client's event stream) and answers one row per part, in order. */
export async function syncErpExport(client: NexaClient, parts: readonly ErpPart[], options: SyncOptions = {}): Promise<SyncedPart[]> {
  const results: SyncedPart[] = new Array(parts.length);
  let next = 0;
  let done = 0;

  async function classifyOne(part: ErpPart): Promise<SyncedPart> {
    const stream = client.classify(part, options.signal ? { signal: options.signal } : {});
    try {
      for await (const { event: message } of stream) {
        for (const event of eventsOfMessage(message)) {
          if (event.type === 'result') {
            const { ncm, description, confidence } = event.classification;
            return { ...part, status: 'done', ncm, ncmDescription: description, confidence, taskId: event.taskId };
          }
          if (event.type === 'failed') return { ...part, status: 'failed', error: event.error, taskId: event.taskId };
          if (event.type === 'cancelled') return { ...part, status: 'failed', error: 'cancelled', taskId: event.taskId };
        }
      }
      return { ...part, status: 'failed', error: 'the event stream ended without a result', taskId: await stream.taskId };
    } catch (error) {
      // A rejected row (e.g. a partnumber too short) must not stop the rest of the export.
      return { ...part, status: 'failed', error: error instanceof Error ? error.message : String(error), taskId: null };
    }
  }

  async function lane() {
    while (next < parts.length) {
      const index = next++;
      const synced = await classifyOne(parts[index]!);
      results[index] = synced;
      done += 1;
      options.onProgress?.(done, parts.length, synced);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, parts.length)) }, lane));
  return results;
}
