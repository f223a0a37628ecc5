import type { Redis } from 'ioredis';

type MessageListener = (message: string) => void;

export interface SharedChannelSubscriber {
  /** Resolves once the channel is subscribed; returns the function that stops listening. */
  listen(channel: string, onMessage: MessageListener): Promise<() => Promise<void>>;
  stats(): { channels: number; listeners: number };
  close(): Promise<void>;
}

/**
 * Raw Pub/Sub messages over one shared subscriber connection (for the AI servers' progress
 * channels): each channel is subscribed once, reference-counted, and fanned out in-process.
 */
export function createSharedChannelSubscriber(subscriber: Redis): SharedChannelSubscriber {
  const listenersByChannel = new Map<string, Set<MessageListener>>();
  const pendingSubscribe = new Map<string, Promise<unknown>>();

  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of listenersByChannel.get(channel) ?? []) listener(message);
  });

  return {
    async listen(channel, onMessage) {
      let listeners = listenersByChannel.get(channel);
      if (!listeners) {
        listeners = new Set();
        listenersByChannel.set(channel, listeners);
        pendingSubscribe.set(channel, subscriber.subscribe(channel));
      }
      listeners.add(onMessage);

      let released = false;
      async function release() {
        if (released) return;
        released = true;
        const current = listenersByChannel.get(channel);
        if (!current) return;
        current.delete(onMessage);
        if (current.size === 0) {
          listenersByChannel.delete(channel);
          pendingSubscribe.delete(channel);
          await subscriber.unsubscribe(channel).catch(() => {});
        }
      }
      try {
        await pendingSubscribe.get(channel);
      } catch (error) {
        await release();
        throw error;
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
