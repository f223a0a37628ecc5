import type { EventFeed, EventLog, JobQueue, TaskStore } from '@nexa/contracts';

/** Infrastructure the procedures reach, passed in by whoever hosts the router. */
export interface NexaServices {
  tasks: TaskStore;
  events: EventLog;
  feed: EventFeed;
  queue: JobQueue;
}

export interface NexaContext extends NexaServices {}

export function createContextFactory(services: NexaServices) {
  return (): NexaContext => ({ ...services });
}
