import { DEFAULT_BATCH_MAX_ITEMS, type EventFeed, type EventLog, type JobQueue, type NcmCatalog, type TaskStore } from '@nexa/contracts';

export interface BatchSettings {
  /** Most items one batch may hold (`BATCH_MAX_ITEMS`). */
  maxItems: number;
  /** Shortest time between two messages one batch subscriber receives (`BATCH_PROGRESS_INTERVAL_MS`). */
  messageIntervalMs: number;
}

export const defaultBatchSettings: BatchSettings = { maxItems: DEFAULT_BATCH_MAX_ITEMS, messageIntervalMs: 100 };

/** Infrastructure the procedures reach, passed in by whoever hosts the router. */
export interface NexaServices {
  tasks: TaskStore;
  events: EventLog;
  feed: EventFeed;
  queue: JobQueue;
  ncm: NcmCatalog;
  batch?: BatchSettings;
}

export interface NexaContext extends NexaServices {
  batch: BatchSettings;
}

export function createContextFactory(services: NexaServices) {
  return (): NexaContext => ({ ...services, batch: services.batch ?? defaultBatchSettings });
}
