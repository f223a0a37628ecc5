import type { EventFeed, StoredTaskEvent } from '@nexa/contracts';
import type { Redis } from 'ioredis';
import { parseLiveMessage } from './event-log';
import type { RedisNames } from './keys';

interface Listener {
  onEvent(event: StoredTaskEvent): void;
  onGap?: (() => void) | undefined;
}

export interface SharedEventFeed extends EventFeed {
  /** Live channels and listeners, for leak checks and metrics. */
  stats(): { channels: number; listeners: number };
  close(): Promise<void>;
}

/**
 * One Redis subscriber connection per process, shared by every subscription: each task channel is
 * subscribed once, reference-counted, and its messages are fanned out in-process.
 */
export function createSharedEventFeed(subscriber: Redis, names: RedisNames): SharedEventFeed {
  const listenersByChannel = new Map<string, Set<Listener>>();
  const pendingSubscribe = new Map<string, Promise<unknown>>();

  // After a reconnect ioredis resubscribes by itself, but whatever was published in between is gone.
  let lostConnection = false;
  subscriber.on('close', () => {
    lostConnection = true;
  });
  subscriber.on('ready', () => {
    if (!lostConnection) return;
    lostConnection = false;
    for (const listeners of listenersByChannel.values()) for (const listener of listeners) listener.onGap?.();
  });

  subscriber.on('message', (channel: string, message: string) => {
    const listeners = listenersByChannel.get(channel);
    if (!listeners) return;
    let stored: StoredTaskEvent;
    try {
      stored = parseLiveMessage(message);
    } catch {
      return;
    }
    for (const listener of listeners) listener.onEvent(stored);
  });

  return {
    async listen(taskId, onEvent, onGap) {
      const listener: Listener = { onEvent, onGap };
      const channel = names.taskChannel(taskId);
      let listeners = listenersByChannel.get(channel);
      if (!listeners) {
        listeners = new Set();
        listenersByChannel.set(channel, listeners);
        pendingSubscribe.set(channel, subscriber.subscribe(channel));
      }
      listeners.add(listener);
      try {
        await pendingSubscribe.get(channel);
      } catch (error) {
        await release();
        throw error;
      }

      let released = false;
      async function release() {
        if (released) return;
        released = true;
        const current = listenersByChannel.get(channel);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) {
          listenersByChannel.delete(channel);
          pendingSubscribe.delete(channel);
          await subscriber.unsubscribe(channel).catch(() => {});
        }
      }
      return release;
    },

    stats() {
      let listeners = 0;
      for (const set of listenersByChannel.values()) listeners += set.size;
      return { channels: listenersByChannel.size, listeners };
    },

    async close() {
      listenersByChannel.clear();
      pendingSubscribe.clear();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
