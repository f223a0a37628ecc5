/** Every Redis key, channel and queue name Nexa uses, derived from one prefix. */
export interface RedisNames {
  prefix: string;
  /** BullMQ's own key prefix. */
  bullPrefix: string;
  taskEvents(taskId: string): string;
  taskChannel(taskId: string): string;
  /** Fixed-window counter of one subject's calls in one window. */
  rateLimit(subject: string, window: number): string;
  /** Stream of approved classifications classifiers learn from. */
  approvedMemory: string;
  /** Held by the one server that refills an empty memory from the database. */
  approvedMemoryRestoreLock: string;
  /** A fresh Pub/Sub channel on which an AI server reports one job. */
  aiProgressChannel(id: string): string;
  /** The items of a batch whose end event is in its log (each appears there once). */
  taskEndedItems(taskId: string): string;
  /** A batch's `batch_finished`, held back until every item's end event is in its log. */
  taskHeldFinish(taskId: string): string;
  /** Throttle key of a batch's aggregate progress events. */
  batchProgressThrottle(taskId: string): string;
}

export const CLASSIFICATION_QUEUE = 'classification';

export function redisNames(prefix: string): RedisNames {
  return {
    prefix,
    bullPrefix: `${prefix}:bull`,
    taskEvents: (taskId) => `${prefix}:task:${taskId}:events`,
    taskChannel: (taskId) => `${prefix}:task:${taskId}:live`,
    rateLimit: (subject, window) => `${prefix}:ratelimit:${subject}:${window}`,
    approvedMemory: `${prefix}:memory:approved`,
    approvedMemoryRestoreLock: `${prefix}:memory:restore-lock`,
    aiProgressChannel: (id) => `${prefix}:ai:progress:${id}`,
    taskEndedItems: (taskId) => `${prefix}:task:${taskId}:ended-items`,
    taskHeldFinish: (taskId) => `${prefix}:task:${taskId}:held-finish`,
    batchProgressThrottle: (taskId) => `${prefix}:task:${taskId}:progress-throttle`,
  };
}
