import type { EventFeed, StoredTaskEvent } from '@nexa/contracts';
import type { Redis } from 'ioredis';
import { parseLiveMessage } from './event-log';
import type { RedisNames } from './keys';
import { createSharedChannelSubscriber } from './shared-channels';

export interface SharedEventFeed extends EventFeed {
  /** Live channels and listeners, for leak checks and metrics. */
  stats(): { channels: number; listeners: number };
  close(): Promise<void>;
}

function decodeLiveEvent(message: string): StoredTaskEvent | undefined {
  try {
    return parseLiveMessage(message);
  } catch {
    return undefined;
  }
}

/**
 * One Redis subscriber connection per process, shared by every subscription: each task's channel is
 * subscribed once, reference-counted, and its events are fanned out in-process.
 */
export function createSharedEventFeed(subscriber: Redis, names: RedisNames): SharedEventFeed {
  const channels = createSharedChannelSubscriber(subscriber, decodeLiveEvent);
  return {
    listen: (taskId, onEvent, onGap) => channels.listen(names.taskChannel(taskId), onEvent, onGap),
    stats: () => channels.stats(),
    close: () => channels.close(),
  };
}
