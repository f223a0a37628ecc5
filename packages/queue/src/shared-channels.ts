import type { Redis } from 'ioredis';

interface ChannelListener<T> {
  onMessage(message: T): void;
  onGap?: (() => void) | undefined;
}

export interface SharedChannelSubscriber<T = string> {
  /**
   * Resolves once the channel is subscribed; returns the function that stops listening. `onGap` is
   * called when the connection was lost and restored: messages published meanwhile were missed.
   */
  listen(channel: string, onMessage: (message: T) => void, onGap?: () => void): Promise<() => Promise<void>>;
  /** Live channels and listeners, for leak checks and metrics. */
  stats(): { channels: number; listeners: number };
  close(): Promise<void>;
}

const asIs = (message: string) => message;

/**
 * Pub/Sub over one shared subscriber connection: each channel is subscribed once, reference-counted,
 * and its messages are decoded once (undecodable ones dropped) and fanned out in-process.
 */
export function createSharedChannelSubscriber(subscriber: Redis): SharedChannelSubscriber<string>;
export function createSharedChannelSubscriber<T>(subscriber: Redis, decode: (message: string) => T | undefined): SharedChannelSubscriber<T>;
export function createSharedChannelSubscriber<T>(
  subscriber: Redis,
  decode: (message: string) => T | undefined = asIs as (message: string) => T,
): SharedChannelSubscriber<T> {
  const listenersByChannel = new Map<string, Set<ChannelListener<T>>>();
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

  subscriber.on('message', (channel: string, raw: string) => {
    const listeners = listenersByChannel.get(channel);
    if (!listeners) return;
    const message = decode(raw);
    if (message === undefined) return;
    for (const listener of listeners) listener.onMessage(message);
  });

  return {
    async listen(channel, onMessage, onGap) {
      const listener: ChannelListener<T> = { onMessage, onGap };
      let listeners = listenersByChannel.get(channel);
      if (!listeners) {
        listeners = new Set();
        listenersByChannel.set(channel, listeners);
        pendingSubscribe.set(channel, subscriber.subscribe(channel));
      }
      listeners.add(listener);

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
