import type { Classification, ClassifierOutcome, PartInput } from './classification';
import type { NewTaskEvent, TaskEvent } from './events';
import type { TaskDetails, TaskStatus } from './task';

/**
 * The small interfaces through which the router and the worker reach infrastructure.
 * Implementations live in @nexa/db and @nexa/queue; tests pass the real ones in.
 */

export interface TaskItemRef {
  taskId: string;
  itemId: string;
}

export interface NewSingleTask {
  part: PartInput;
  reclassify: boolean;
  status: Extract<TaskStatus, 'queued' | 'done'>;
  idempotencyKey?: string | undefined;
}

export interface ExistingTask {
  taskId: string;
  status: TaskStatus;
  partnumber: string;
}

export class IdempotencyKeyReusedError extends Error {
  constructor(readonly existing: ExistingTask) {
    super('idempotency key already used');
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface TaskStore {
  /** Throws IdempotencyKeyReusedError when the key already names a task. */
  createSingleTask(task: NewSingleTask): Promise<TaskItemRef>;
  findTaskByIdempotencyKey(key: string): Promise<ExistingTask | null>;
  /** A single task for this partnumber still queued or running, if any. */
  findInFlightTask(partnumber: string): Promise<ExistingTask | null>;
  getTask(taskId: string): Promise<TaskDetails | null>;
  deleteTask(taskId: string): Promise<void>;
  /** Classifications in force for a partnumber (ACTIVE or APPROVED), newest first. */
  knownClassifications(partnumber: string): Promise<Classification[]>;
  getItem(itemId: string): Promise<(PartInput & { taskId: string; status: TaskStatus; error: string | null }) | null>;
  markItemProcessing(itemId: string): Promise<void>;
  /** Stores the outcome once per item (a retried job returns the already stored one) and finishes the item. */
  completeItem(itemId: string, outcome: ClassifierOutcome): Promise<Classification>;
  classificationOfItem(itemId: string): Promise<Classification | null>;
  failItem(itemId: string, reason: string): Promise<void>;
  /** Items still queued or processing whose last change is older than `before`. */
  findStaleUnfinishedItems(before: Date, limit: number): Promise<TaskItemRef[]>;
  ping(): Promise<void>;
}

export interface StoredTaskEvent {
  id: string;
  event: TaskEvent;
}

export interface EventLog {
  append(event: NewTaskEvent): Promise<StoredTaskEvent>;
  /** Events after `afterId` (exclusive), or from the start when it is null. */
  read(taskId: string, afterId: string | null): Promise<StoredTaskEvent[]>;
}

export interface EventFeed {
  /**
   * Resolves once the live subscription is active; events published afterwards reach `onEvent`.
   * `onGap` is called when the live connection was lost and restored: events published meanwhile
   * were missed live and must be read from the log.
   */
  listen(taskId: string, onEvent: (event: StoredTaskEvent) => void, onGap?: () => void): Promise<() => Promise<void>>;
}

export interface ClassificationJob {
  taskId: string;
  itemId: string;
}

export interface JobQueue {
  enqueue(job: ClassificationJob): Promise<void>;
  ping(): Promise<void>;
}

export interface ClassifyProgress {
  current: number;
  total: number;
  message: string;
}

export interface ClassifyOptions {
  /** Aborted when the job's time is up or the worker is shutting down. */
  signal: AbortSignal;
  onProgress(progress: ClassifyProgress): Promise<void> | void;
}

/** What the worker asks of an AI server, whichever protocol it speaks. */
export interface AiClassifier {
  readonly name: string;
  classify(part: PartInput, options: ClassifyOptions): Promise<ClassifierOutcome>;
  close?(): Promise<void>;
}

/** Infrastructure that cannot be reached right now; callers answer SERVICE_UNAVAILABLE and may retry. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: 'database' | 'redis' | 'ai-server',
    options?: { cause?: unknown },
  ) {
    super(`the ${service} is unavailable; try again shortly`, options);
    this.name = 'ServiceUnavailableError';
  }
}

/** Wraps every method of a port so that connectivity failures surface as ServiceUnavailableError. */
export function reportingUnavailability<T extends object>(
  port: T,
  service: ServiceUnavailableError['service'],
  isConnectivityError: (error: unknown) => boolean,
): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, member] of Object.entries(port)) {
    wrapped[name] =
      typeof member === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await member.apply(port, args);
            } catch (error) {
              if (!(error instanceof ServiceUnavailableError) && isConnectivityError(error)) throw new ServiceUnavailableError(service, { cause: error });
              throw error;
            }
          }
        : member;
  }
  return wrapped as T;
}
