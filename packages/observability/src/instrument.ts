import type { AiClassifier, EventFeed, EventLog, NewTaskEvent } from '@nexa/contracts';
import type { Logger } from 'pino';
import type { NexaMetrics } from './metrics';

/** Times every AI call (by engine), counts failures, and logs each call with the scope's correlation id. */
export function instrumentClassifier(classifier: AiClassifier, { metrics, logger }: { metrics?: NexaMetrics; logger?: Logger }): AiClassifier {
  const engine = classifier.name;
  return {
    name: engine,
    async classify(part, options) {
      const started = performance.now();
      const done = (outcome: 'ok' | 'error') => {
        const seconds = (performance.now() - started) / 1000;
        metrics?.aiRequestSeconds.observe({ engine, outcome }, seconds);
        return Math.round(seconds * 1000);
      };
      try {
        const result = await classifier.classify(part, options);
        logger?.info({ engine, partnumber: part.partnumber, durationMs: done('ok'), ncm: result.ncm, confidence: result.confidence }, 'ai call answered');
        return result;
      } catch (error) {
        metrics?.aiErrors.inc({ engine });
        logger?.warn({ engine, partnumber: part.partnumber, durationMs: done('error'), err: error }, 'ai call failed');
        throw error;
      }
    },
    ...(classifier.close ? { close: () => classifier.close!() } : {}),
  };
}

/** Logs every event a worker appends (debug level), each line with the job's correlation id. */
export function loggingEventLog(events: EventLog, logger: Logger): EventLog {
  const logOne = (event: NewTaskEvent, id: string) => logger.debug({ taskId: event.taskId, event: event.type, eventId: id }, 'event appended');
  return {
    async append(event) {
      const stored = await events.append(event);
      logOne(event, stored.id);
      return stored;
    },
    async appendMany(list) {
      const stored = await events.appendMany(list);
      if (logger.isLevelEnabled('debug')) list.forEach((event, index) => logOne(event, stored[index]?.id ?? '?'));
      return stored;
    },
    async appendUnlessEnded(event) {
      const stored = await events.appendUnlessEnded(event);
      if (stored) logOne(event, stored.id);
      return stored;
    },
    async appendItemEnds(list) {
      const stored = await events.appendItemEnds(list);
      if (logger.isLevelEnabled('debug')) list.forEach((event, index) => logOne(event, stored[index]?.id ?? 'already announced'));
      return stored;
    },
    async appendBatchFinished(event, itemsEnded) {
      const stored = await events.appendBatchFinished(event, itemsEnded);
      logOne(event, stored?.id ?? 'held back');
      return stored;
    },
    read: (taskId, afterId) => events.read(taskId, afterId),
    last: (taskId) => events.last(taskId),
  };
}

/** Counts events read back for subscribers (replay after a reconnect or a gap) as delivered. */
export function instrumentEventLog(events: EventLog, metrics: NexaMetrics): EventLog {
  return {
    append: (event) => events.append(event),
    appendMany: (list) => events.appendMany(list),
    appendUnlessEnded: (event) => events.appendUnlessEnded(event),
    appendItemEnds: (list) => events.appendItemEnds(list),
    appendBatchFinished: (event, itemsEnded) => events.appendBatchFinished(event, itemsEnded),
    async read(taskId, afterId) {
      const stored = await events.read(taskId, afterId);
      metrics.eventsDelivered.inc(stored.length);
      return stored;
    },
    last: (taskId) => events.last(taskId),
  };
}

/** Counts live subscriptions and the live events handed to them. */
export function instrumentEventFeed<T extends EventFeed>(feed: T, metrics: NexaMetrics): T {
  const instrumented: EventFeed = {
    async listen(taskId, onEvent, onGap) {
      const stop = await feed.listen(
        taskId,
        (event) => {
          metrics.eventsDelivered.inc();
          onEvent(event);
        },
        onGap,
      );
      metrics.activeSubscriptions.inc();
      let stopped = false;
      return async () => {
        if (!stopped) {
          stopped = true;
          metrics.activeSubscriptions.dec();
        }
        await stop();
      };
    },
  };
  return Object.assign(Object.create(feed) as T, instrumented);
}
