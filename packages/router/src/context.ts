import type { EventFeed, EventLog, JobQueue, NcmCatalog, TaskStore } from '@nexa/contracts';

/** Infrastructure the procedures reach, passed in by whoever hosts the router. */
export interface NexaServices {
  tasks: TaskStore;
  events: EventLog;
  feed: EventFeed;
  queue: JobQueue;
  ncm: NcmCatalog;
}

export interface NexaContext extends NexaServices {}

export function createContextFactory(services: NexaServices) {
  return (): NexaContext => ({ ...services });
}
