import { eventsOfMessage, type TaskEvent, type TaskStatus } from '@nexa/client';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { BatchProgress, type BatchLiveView } from './batch-progress';
import { useTRPC } from './nexa';

interface SingleProgress {
  status: TaskStatus;
  /** 0..1 */
  fraction: number;
  message: string | null;
  terminal: Extract<TaskEvent, { type: 'result' | 'failed' }> | null;
}

export interface TaskLiveView extends SingleProgress {
  /** A batch's items and aggregate progress, as its events told them. */
  batch: BatchLiveView;
  subscriptionError: unknown;
}

const waiting: SingleProgress = { status: 'queued', fraction: 0, message: null, terminal: null };

function addToSingleProgress(progress: SingleProgress, event: TaskEvent): SingleProgress {
  if (event.type === 'progress') {
    return { ...progress, status: 'processing', fraction: Math.max(progress.fraction, Math.min(1, event.current / event.total) * 0.95), message: event.message };
  }
  if (event.type === 'result') return { ...progress, status: 'done', fraction: 1, terminal: event };
  if (event.type === 'failed') return { ...progress, status: 'failed', terminal: event };
  return progress;
}

/** Every message of one task's subscription, each once, folded as it arrives. */
class TaskEventLog {
  private readonly seen = new Set<string>();
  private single = waiting;
  private readonly batch = new BatchProgress();

  constructor(readonly taskId: string) {}

  /** False for a message already folded (a reconnect may resend it). */
  add(messageId: string, events: TaskEvent[]): boolean {
    if (this.seen.has(messageId)) return false;
    this.seen.add(messageId);
    for (const event of events) {
      this.single = addToSingleProgress(this.single, event);
      this.batch.add(event);
    }
    return true;
  }

  view(): Omit<TaskLiveView, 'subscriptionError'> {
    return { ...this.single, batch: this.batch.view() };
  }
}

/**
 * Follows a task live. The server replays the whole history first, so opening (or reloading) the
 * page of a running task picks up where it was; on a reconnect the client resends the last event id.
 * Messages are folded as they arrive, and the page renders what they changed at most once a frame.
 */
export function useTaskEvents(taskId: string): TaskLiveView {
  const trpc = useTRPC();
  const log = useRef<TaskEventLog>(null);
  if (log.current?.taskId !== taskId) log.current = new TaskEventLog(taskId);
  const [view, setView] = useState(() => log.current!.view());
  const frame = useRef<number | null>(null);

  useEffect(() => {
    setView(log.current!.view());
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [taskId]);

  const subscription = useSubscription(
    trpc.classification.events.subscriptionOptions(
      { taskId },
      {
        onData: (tracked) => {
          const current = log.current;
          if (current?.taskId !== taskId || !current.add(tracked.id, eventsOfMessage(tracked.data))) return;
          frame.current ??= requestAnimationFrame(() => {
            frame.current = null;
            setView(current.view());
          });
        },
      },
    ),
  );

  // While the connection is being restored ('connecting') the error is the lost connection, which the
  // connection badge already shows and which ends on its own; only a subscription that gave up is one.
  return { ...view, subscriptionError: subscription.status === 'error' ? subscription.error : null };
}
