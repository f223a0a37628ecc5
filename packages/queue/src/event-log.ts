import type { EventLog, NewTaskEvent, StoredTaskEvent, TaskEvent } from '@nexa/contracts';
import { reportingUnavailability, taskEvent, terminalEventTypes } from '@nexa/contracts';
import { isRedisConnectivityError } from './connectivity';
import type { Redis } from 'ioredis';
import type { RedisNames } from './keys';
import { defineRedisScript } from './redis-script';

// Appends to the task's stream and publishes the same entry in one step, so a live listener
// and a reader of the stream always see the same id for the same event.
const APPEND_AND_PUBLISH = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'e', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', ARGV[2], id .. ' ' .. ARGV[1])
return id`;

// Events after the task's terminal one (ARGV[5...]) are never stored: a log ends with its end.
const APPEND_UNLESS_ENDED = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
if last then
  local lastType = cjson.decode(last[2][2])['type']
  for i = 5, #ARGV do
    if ARGV[i] == lastType then return false end
  end
end${APPEND_AND_PUBLISH}`;

export interface EventLogOptions {
  ttlSeconds: number;
  maxEventsPerTask?: number;
}

export function createEventLog(redis: Redis, names: RedisNames, options: EventLogOptions): EventLog {
  return reportingUnavailability(createRawEventLog(redis, names, options), 'redis', isRedisConnectivityError);
}

function createRawEventLog(redis: Redis, names: RedisNames, options: EventLogOptions): EventLog {
  // Room for the largest batch: an event per item plus progress and lifecycle events.
  const maxEvents = options.maxEventsPerTask ?? 250_000;
  const appendAndPublish = defineRedisScript(redis, 'nexaAppendTaskEvent', APPEND_AND_PUBLISH, 1);
  const appendUnlessEnded = defineRedisScript(redis, 'nexaAppendTaskEventUnlessEnded', APPEND_UNLESS_ENDED, 1);
  const scriptArguments = (event: TaskEvent) => [
    names.taskEvents(event.taskId),
    JSON.stringify(event),
    names.taskChannel(event.taskId),
    String(maxEvents),
    String(options.ttlSeconds),
  ];
  return {
    async appendMany(newEvents: readonly NewTaskEvent[]): Promise<StoredTaskEvent[]> {
      const stored: StoredTaskEvent[] = [];
      const CHUNK = 1000;
      for (let start = 0; start < newEvents.length; start += CHUNK) {
        const events = newEvents.slice(start, start + CHUNK).map((newEvent) => taskEvent.parse({ ...newEvent, at: new Date().toISOString() }));
        const pipeline = redis.pipeline();
        for (const event of events) appendAndPublish.queue(pipeline, scriptArguments(event));
        const results = (await pipeline.exec()) ?? [];
        results.forEach(([error, id], index) => {
          if (error) throw error;
          stored.push({ id: id as string, event: events[index]! });
        });
      }
      return stored;
    },

    async append(newEvent: NewTaskEvent): Promise<StoredTaskEvent> {
      const event = taskEvent.parse({ ...newEvent, at: new Date().toISOString() });
      const id = (await appendAndPublish.run(scriptArguments(event))) as string;
      return { id, event };
    },

    async appendUnlessEnded(newEvent: NewTaskEvent): Promise<StoredTaskEvent | null> {
      const event = taskEvent.parse({ ...newEvent, at: new Date().toISOString() });
      const id = (await appendUnlessEnded.run([...scriptArguments(event), ...terminalEventTypes])) as string | null;
      return id === null ? null : { id, event };
    },

    async read(taskId: string, afterId: string | null): Promise<StoredTaskEvent[]> {
      const start = afterId ? `(${afterId}` : '-';
      const entries = await redis.xrange(names.taskEvents(taskId), start, '+');
      return entries.map(([id, fields]) => ({ id, event: parseEntry(fields) }));
    },
  };
}

function parseEntry(fields: string[]): TaskEvent {
  const json = fields[fields.indexOf('e') + 1];
  return taskEvent.parse(JSON.parse(json ?? 'null'));
}

export function parseLiveMessage(message: string): StoredTaskEvent {
  const space = message.indexOf(' ');
  return { id: message.slice(0, space), event: taskEvent.parse(JSON.parse(message.slice(space + 1))) };
}
