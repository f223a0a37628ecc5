import type { Classification, ClassifierOutcome, PartInput } from './classification';
import type { NewTaskEvent, TaskEvent } from './events';
import type { NcmEntryView, NcmImportInput, NcmImportReport, NcmSearchHit } from './ncm';
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
}

export interface TaskStore {
  createSingleTask(task: NewSingleTask): Promise<TaskItemRef>;
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
  /** Resolves once the live subscription is active; events published afterwards reach `onEvent`. */
  listen(taskId: string, onEvent: (event: StoredTaskEvent) => void): Promise<() => Promise<void>>;
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

/** The NCM nomenclature as Nexa keeps it (imported from the official Siscomex table). */
export interface NcmCatalog {
  /** `code` is digits only (2–8); null when the code was never imported. */
  get(code: string): Promise<NcmEntryView | null>;
  /** Text search over the 8-digit codes in force, best first. */
  search(query: string, limit: number): Promise<NcmSearchHit[]>;
  /** Imports a table in one transaction; throws `NcmImportError` when the source is unreadable or invalid. */
  import(input: NcmImportInput): Promise<NcmImportReport>;
  /** Number of codes currently in the table (removed ones excluded). */
  count(): Promise<number>;
}
