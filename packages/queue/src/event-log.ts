import type { BatchFinishedEvent, EventLog, ItemEndEvent, NewTaskEvent, StoredTaskEvent, TaskEvent } from '@nexa/contracts';
import { reportingUnavailability, taskEvent, terminalEventTypes } from '@nexa/contracts';
import { isRedisConnectivityError } from './connectivity';
import type { ChainableCommander, Redis } from 'ioredis';
import type { RedisNames } from './keys';
import { defineRedisScript } from './redis-script';

// Every script starts with these. KEYS[1] is the task's log; ARGV: event, channel, max length, ttl.
// appendEvent appends to the log and publishes the same entry in one step, so a live listener and a
// reader of the log always see the same id for the same event. logHasEnded(first) tells whether the
// log's last event has one of the terminal types given from ARGV[first] on.
const EVENT_LOG_FUNCTIONS = `
local function appendEvent(json)
  local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'e', json)
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  redis.call('PUBLISH', ARGV[2], id .. ' ' .. json)
  return id
end
local function logHasEnded(first)
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
  if not last then return false end
  local lastType = cjson.decode(last[2][2])['type']
  for i = first, #ARGV do
    if ARGV[i] == lastType then return true end
  end
  return false
end`;

const APPEND_AND_PUBLISH = `${EVENT_LOG_FUNCTIONS}
return appendEvent(ARGV[1])`;

// Events after the task's terminal one (ARGV[5...]) are never stored: a log ends with its end.
const APPEND_UNLESS_ENDED = `${EVENT_LOG_FUNCTIONS}
if logHasEnded(5) then return false end
return appendEvent(ARGV[1])`;

// Batch item ends and batch_finished. KEYS[2]: the set of items whose end is in the log; KEYS[3]: the
// held batch_finished. ARGV[5]: the item id (or the count of ended items batch_finished waits for),
// then the terminal event types. A log that ends with a terminal event takes nothing more;
// batch_finished waits in KEYS[3] until the set holds that many items.
const BATCH_END_FUNCTIONS = `${EVENT_LOG_FUNCTIONS}
local function finish(json)
  local id = appendEvent(json)
  redis.call('DEL', KEYS[2], KEYS[3])
  return id
end`;

const APPEND_ITEM_END = `${BATCH_END_FUNCTIONS}
if logHasEnded(6) then return false end
if redis.call('SADD', KEYS[2], ARGV[5]) == 0 then return false end
redis.call('EXPIRE', KEYS[2], ARGV[4])
local id = appendEvent(ARGV[1])
local held = redis.call('HMGET', KEYS[3], 'itemsEnded', 'event')
if held[1] and redis.call('SCARD', KEYS[2]) >= tonumber(held[1]) then finish(held[2]) end
return id`;

const APPEND_BATCH_FINISHED = `${BATCH_END_FUNCTIONS}
if logHasEnded(6) then return false end
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[5]) then return finish(ARGV[1]) end
redis.call('HSET', KEYS[3], 'itemsEnded', ARGV[5], 'event', ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[4])
return false`;

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
  const appendItemEnd = defineRedisScript(redis, 'nexaAppendItemEnd', APPEND_ITEM_END, 3);
  const appendBatchFinished = defineRedisScript(redis, 'nexaAppendBatchFinished', APPEND_BATCH_FINISHED, 3);
  const batchEndArguments = (event: TaskEvent, itemIdOrCount: string) => [
    names.taskEvents(event.taskId),
    names.taskEndedItems(event.taskId),
    names.taskHeldFinish(event.taskId),
    JSON.stringify(event),
    names.taskChannel(event.taskId),
    String(maxEvents),
    String(options.ttlSeconds),
    itemIdOrCount,
    ...terminalEventTypes,
  ];
  const stamped = (newEvent: NewTaskEvent) => taskEvent.parse({ ...newEvent, at: new Date().toISOString() });
  const scriptArguments = (event: TaskEvent) => [
    names.taskEvents(event.taskId),
    JSON.stringify(event),
    names.taskChannel(event.taskId),
    String(maxEvents),
    String(options.ttlSeconds),
  ];
  /** Runs one script per event on a pipeline, 1,000 events a round trip; null where a script stored nothing. */
  async function appendPipelined<E extends NewTaskEvent>(newEvents: readonly E[], queueOne: (pipeline: ChainableCommander, event: TaskEvent, newEvent: E) => void) {
    const stored: Array<StoredTaskEvent | null> = [];
    const CHUNK = 1000;
    for (let start = 0; start < newEvents.length; start += CHUNK) {
      const chunk = newEvents.slice(start, start + CHUNK);
      const events = chunk.map(stamped);
      const pipeline = redis.pipeline();
      events.forEach((event, index) => queueOne(pipeline, event, chunk[index]!));
      const results = (await pipeline.exec()) ?? [];
      results.forEach(([error, id], index) => {
        if (error) throw error;
        stored.push(id === null ? null : { id: id as string, event: events[index]! });
      });
    }
    return stored;
  }
  return {
    async appendMany(newEvents: readonly NewTaskEvent[]): Promise<StoredTaskEvent[]> {
      // The plain append always stores its event.
      return (await appendPipelined(newEvents, (pipeline, event) => appendAndPublish.queue(pipeline, scriptArguments(event)))) as StoredTaskEvent[];
    },

    async append(newEvent: NewTaskEvent): Promise<StoredTaskEvent> {
      const event = stamped(newEvent);
      const id = (await appendAndPublish.run(scriptArguments(event))) as string;
      return { id, event };
    },

    async appendUnlessEnded(newEvent: NewTaskEvent): Promise<StoredTaskEvent | null> {
      const event = stamped(newEvent);
      const id = (await appendUnlessEnded.run([...scriptArguments(event), ...terminalEventTypes])) as string | null;
      return id === null ? null : { id, event };
    },

    appendItemEnds(newEvents: readonly ItemEndEvent[]): Promise<Array<StoredTaskEvent | null>> {
      return appendPipelined(newEvents, (pipeline, event, { itemId }) => appendItemEnd.queue(pipeline, batchEndArguments(event, itemId)));
    },

    async appendBatchFinished(newEvent: BatchFinishedEvent, itemsEnded: number): Promise<StoredTaskEvent | null> {
      const event = stamped(newEvent);
      const id = (await appendBatchFinished.run(batchEndArguments(event, String(itemsEnded)))) as string | null;
      return id === null ? null : { id, event };
    },

    async read(taskId: string, afterId: string | null): Promise<StoredTaskEvent[]> {
      const start = afterId ? `(${afterId}` : '-';
      const entries = await redis.xrange(names.taskEvents(taskId), start, '+');
      return entries.map(([id, fields]) => ({ id, event: parseEntry(fields) }));
    },

    async last(taskId: string): Promise<StoredTaskEvent | null> {
      const [entry] = await redis.xrevrange(names.taskEvents(taskId), '+', '-', 'COUNT', 1);
      return entry ? { id: entry[0], event: parseEntry(entry[1]) } : null;
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
