import type { ApprovedClassification, WithdrawnApproval } from './approved-memory';
import type { BatchCounts, BatchItemInput, TaskItemsFilter, TaskItemsPage } from './batch';
import type { Classification, ClassifierOutcome, PartInput } from './classification';
import type { BatchFinishedEvent, ItemEndEvent, NewTaskEvent, TaskEvent } from './events';
import type { Actor, ApiKey, CreatedApiKey, LoginInput, RegisterInput, Role, Session, User } from './auth';
import type { NcmEntryView, NcmImportInput, NcmImportReport, NcmSearchHit } from './ncm';
import type { PartnumberHistory, ReviewOutput, ReviewRequest } from './review';
import type { Task, TaskDetails, TaskKind, TaskListItem, TaskListPosition, TaskStatus } from './task';

/**
 * The small interfaces through which the router and the worker reach infrastructure.
 * Implementations live in @nexa/db and @nexa/queue; tests pass the real ones in.
 */

export interface TaskItemRef {
  taskId: string;
  itemId: string;
}

/** Whose records a caller may see: one owner's, or everyone's (admins). */
export type Visibility = { ownerId: string } | 'all';

export interface NewSingleTask {
  /** The id to give the task, chosen by a caller that listens to its events before it exists; made by the store when absent. */
  taskId?: string | undefined;
  ownerId: string;
  part: PartInput;
  reclassify: boolean;
  status: Extract<TaskStatus, 'queued' | 'done'>;
  idempotencyKey?: string | undefined;
  /** A task recorded `done`: the known classification it was answered with. */
  answeredWith?: string | undefined;
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

/** A submission without an idempotency key met its owner's task for the same partnumber, still queued or running. */
export class PartnumberInFlightError extends Error {
  constructor(readonly existing: ExistingTask) {
    super('this partnumber is already being classified for its owner');
    this.name = 'PartnumberInFlightError';
  }
}

export interface RecordedSubmission {
  taskId: string;
  kind: TaskKind;
  status: TaskStatus;
  itemCount: number;
  answeredFromHistory: number;
}

export interface NewBatchTask {
  ownerId: string;
  name?: string | null | undefined;
  idempotencyKey?: string | undefined;
  /** Already validated and without duplicate partnumbers; `seq` is the position (1-based). */
  items: BatchItemInput[];
  reclassify: boolean;
  /** Items whose partnumber is here are recorded `done`, linked to this known classification. */
  known: ReadonlyMap<string, Classification>;
}

export interface AnsweredItem {
  itemId: string;
  seq: number;
  partnumber: string;
  classification: Classification;
}

export interface CreatedBatch {
  taskId: string;
  status: Extract<TaskStatus, 'queued' | 'done'>;
  queued: TaskItemRef[];
  answered: AnsweredItem[];
}

/** Set when the item's ending ended its task (exactly once per task, whichever item was last). */
export interface TaskEnding {
  status: Extract<TaskStatus, 'done' | 'failed'>;
  counts: BatchCounts;
}

export interface CancelOutcome {
  /** false when the task had already ended: nothing changed. */
  cancelled: boolean;
  status: TaskStatus;
  counts: BatchCounts;
  /** Items that were still queued and are now cancelled (their jobs may be removed). */
  cancelledItemIds: string[];
}

/** What deciding who may see a task, and whether it has ended, needs: one indexed row. */
export interface TaskAccess {
  id: string;
  ownerId: string | null;
  kind: TaskKind;
  status: TaskStatus;
}

export interface StoredItem extends PartInput {
  taskId: string;
  taskKind: TaskKind;
  seq: number;
  status: TaskStatus;
  error: string | null;
}

export type ItemClaim = { claimed: true; item: StoredItem } | { claimed: false; item: StoredItem | null };

/**
 * Events are appended by the callers once a change is committed, never inside its transaction: a
 * process that dies before the commit leaves no event behind for a change that never happened.
 */
export interface TaskStore {
  /**
   * Throws IdempotencyKeyReusedError when the key already names a task, and, without a key,
   * PartnumberInFlightError when the owner's task for the partnumber is still queued or running.
   */
  createSingleTask(task: NewSingleTask): Promise<TaskItemRef>;
  /** One task with N items, written with multi-row inserts in one transaction. Throws IdempotencyKeyReusedError when the key already names a task. */
  createBatchTask(task: NewBatchTask): Promise<CreatedBatch>;
  /** The task an owner's idempotency key names, with how many items it holds and how many were answered from history. */
  findSubmissionByIdempotencyKey(key: string, ownerId: string): Promise<RecordedSubmission | null>;
  /** A batch's items still waiting, in `seq` order (the fan-out job queues one job for each). */
  queuedItemIds(taskId: string): Promise<string[]>;
  /** For each partnumber with a classification in force that the visibility admits, the newest one. */
  latestKnownClassifications(partnumbers: readonly string[], visibility: Visibility): Promise<Map<string, Classification>>;
  countItems(taskId: string): Promise<BatchCounts>;
  /** Items in `seq` order after `afterSeq`, only those `filter` admits when given. */
  listItems(taskId: string, afterSeq: number | null, limit: number, filter?: TaskItemsFilter): Promise<TaskItemsPage>;
  /** Marks every queued item cancelled and the task cancelled, unless it already ended. */
  cancelTask(taskId: string): Promise<CancelOutcome | null>;
  /** Idempotency keys are per owner: another user's key never names a task of this one. */
  findTaskByIdempotencyKey(key: string, ownerId: string): Promise<ExistingTask | null>;
  /** A single task of this owner for this partnumber still queued or running, if any. */
  findInFlightTask(partnumber: string, ownerId: string): Promise<ExistingTask | null>;
  getTask(taskId: string): Promise<TaskDetails | null>;
  taskAccess(taskId: string): Promise<TaskAccess | null>;
  /** Newest first; `cursor` is the id of the last task of the previous page. */
  /** Newest first, after `after` (where the previous page ended); `nextCursor` encodes where this page ends. */
  listTasks(query: { visibility: Visibility; status?: TaskStatus | undefined; after?: TaskListPosition | null | undefined; limit: number }): Promise<{ items: TaskListItem[]; nextCursor: string | null }>;
  /** Removes the task, its items and its classifications, except APPROVED ones (they stay in the partnumber's history). */
  /** False when there was no such task (e.g. a concurrent delete removed it first). */
  deleteTask(taskId: string): Promise<boolean>;
  /** Classifications in force for a partnumber (ACTIVE or APPROVED) that the visibility admits, newest first. */
  knownClassifications(partnumber: string, visibility: Visibility): Promise<Classification[]>;
  getItem(itemId: string): Promise<StoredItem | null>;
  /** Takes the item for an attempt and returns it; not claimed when it is no longer queued or processing (done, failed, cancelled, deleted). */
  claimItem(itemId: string): Promise<ItemClaim>;
  /** Stores the outcome once per item (a retried job returns the already stored one) and finishes the item. */
  completeItem(itemId: string, outcome: ClassifierOutcome): Promise<{ classification: Classification; ending: TaskEnding | null }>;
  /** `completeItem` for the only item of a single task, in one statement. */
  completeSingleItem(itemId: string, outcome: ClassifierOutcome): Promise<Classification>;
  classificationOfItem(itemId: string): Promise<Classification | null>;
  /** `failed`: false when the item had already ended (or is gone), and nothing changed. */
  failItem(itemId: string, reason: string): Promise<{ failed: boolean; ending: TaskEnding | null }>;
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
  /** Appends several events in order, in one round trip. */
  appendMany(events: readonly NewTaskEvent[]): Promise<StoredTaskEvent[]>;
  /** `append`, unless the task's log already ends with its terminal event: then nothing is stored (null). */
  appendUnlessEnded(event: NewTaskEvent): Promise<StoredTaskEvent | null>;
  /**
   * Batch items' `item_result` / `item_failed`, each appended once (null for an item whose end is
   * already in the log, or once the log has ended): announcing an item's end again is harmless.
   */
  appendItemEnds(events: readonly ItemEndEvent[]): Promise<Array<StoredTaskEvent | null>>;
  /**
   * `batch_finished`, held back until `itemsEnded` items' ends are in the log, so it comes last
   * whatever order the items were announced in: the item end that completes the count appends it.
   * Null when held back, or when the log has already ended.
   */
  appendBatchFinished(event: BatchFinishedEvent, itemsEnded: number): Promise<StoredTaskEvent | null>;
  /** Events after `afterId` (exclusive), or from the start when it is null. */
  read(taskId: string, afterId: string | null): Promise<StoredTaskEvent[]>;
  /** The task's latest event, if its log holds any. */
  last(taskId: string): Promise<StoredTaskEvent | null>;
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
  /** Queues a batch's fan-out job (job id = task id), which queues one job per item in bulk. */
  enqueueFanOut(taskId: string): Promise<void>;
  /** Adds many jobs in bulk; all or nothing as far as the caller is concerned (it deletes the task on failure). */
  enqueueMany(jobs: readonly ClassificationJob[]): Promise<void>;
  /** Removes waiting jobs of these items, best effort (a job already running finishes). */
  removeJobs(itemIds: readonly string[]): Promise<void>;
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

/**
 * A classifier's definite answer that it cannot classify a part (no code matches it): asking again
 * would answer the same, so the attempt is not retried.
 */
export class ClassifierRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClassifierRefusal';
  }
}

/** What the worker asks of an AI server, whichever protocol it speaks; it throws ClassifierRefusal for a part it cannot classify. */
export interface AiClassifier {
  readonly name: string;
  classify(part: PartInput, options: ClassifyOptions): Promise<ClassifierOutcome>;
  close?(): Promise<void>;
}

export type ReviewOutcome = { status: 'done'; output: ReviewOutput } | { status: 'not_found' } | { status: 'conflict'; message: string };

/** Human review of classifications, with its audit trail. */
export interface ReviewStore {
  /** `not_found` also when the visibility does not admit the classification; `conflict` when its status does not allow the action. */
  review(request: ReviewRequest, visibility: Visibility): Promise<ReviewOutcome>;
  partnumberHistory(partnumber: string, visibility: Visibility): Promise<PartnumberHistory>;
  /**
   * Every classification still APPROVED, oldest approval first, as the approved-classification memory
   * holds it; `adminsOnly`: only those an admin (now) approved or set by override.
   */
  approvedForMemory(options: { adminsOnly: boolean }): Promise<ApprovedClassification[]>;
}

/** Where approved classifications go so classifiers can learn from them. */
export interface ApprovedMemory {
  remember(entry: ApprovedClassification): Promise<void>;
  /** An approval it was handed (or may have been) is no longer APPROVED. */
  withdraw(entry: WithdrawnApproval): Promise<void>;
  /** Holds no entry at all: new, or its Redis lost its data. */
  isEmpty(): Promise<boolean>;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window admits calls again (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Takes `cost` (default 1) from the subject's budget; a refused call takes nothing. */
  consume(subject: string, cost?: number): Promise<RateLimitDecision>;
}

export interface StoredUser extends User {
  passwordHash: string;
}

export interface StoredApiKey extends ApiKey {
  userId: string;
}

/** Persistence of accounts and API keys; only hashes of secrets are ever stored. */
export interface UserStore {
  /** Null when the email (compared case-insensitively) is taken. */
  insertUser(user: { email: string; name: string | null; role: Role; passwordHash: string }): Promise<User | null>;
  findUserByEmail(email: string): Promise<StoredUser | null>;
  getUser(id: string): Promise<User | null>;
  setRole(userId: string, role: Role): Promise<void>;
  countAdmins(): Promise<number>;
  insertApiKey(key: { userId: string; name: string; prefix: string; hash: string }): Promise<ApiKey>;
  listApiKeys(userId: string): Promise<ApiKey[]>;
  /** False when the user has no such key (or it was already revoked). */
  revokeApiKey(userId: string, keyId: string): Promise<boolean>;
  findApiKeyByHash(hash: string): Promise<StoredApiKey | null>;
  touchApiKey(keyId: string): Promise<void>;
}

export type RegisterResult = { ok: true; session: Session } | { ok: false; reason: 'email_taken' | 'registration_disabled' };

/** Accounts as the router sees them: registration, login, and turning a credential into an actor. */
export interface Accounts {
  register(input: RegisterInput): Promise<RegisterResult>;
  /** Null when the email is unknown or the password is wrong (indistinguishably). */
  login(input: LoginInput): Promise<Session | null>;
  /** A bearer access token or API key → its actor; null for anything unknown, expired, forged or revoked. */
  authenticate(credential: string): Promise<Actor | null>;
  /**
   * A fresh access token for the one given (role read again), as long as the password sign-in it descends
   * from is recent enough; null for a token expired, forged or too old, or an account that no longer exists.
   */
  renewSession(accessToken: string): Promise<Session | null>;
  getUser(userId: string): Promise<User | null>;
  createApiKey(userId: string, name: string): Promise<CreatedApiKey>;
  listApiKeys(userId: string): Promise<ApiKey[]>;
  revokeApiKey(userId: string, keyId: string): Promise<boolean>;
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
