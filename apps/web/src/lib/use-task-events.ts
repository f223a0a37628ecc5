import { eventsOfMessage, type TaskEvent, type TaskStatus } from '@nexa/client';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useReducer } from 'react';
import { useTRPC } from './nexa';

export interface TaskLiveView {
  /** Every event received so far, in order, each once. */
  events: TaskEvent[];
  status: TaskStatus;
  /** 0..1 */
  fraction: number;
  message: string | null;
  terminal: Extract<TaskEvent, { type: 'result' | 'failed' }> | null;
  subscriptionError: unknown;
}

interface State {
  ids: Set<string>;
  events: TaskEvent[];
}

/**
 * Follows a task live. The server replays the whole history first, so opening (or reloading) the
 * page of a running task picks up where it was; on a reconnect the client resends the last event id.
 */
export function useTaskEvents(taskId: string): TaskLiveView {
  const trpc = useTRPC();
  const [state, dispatch] = useReducer(
    (current: State, action: { type: 'reset' } | { type: 'events'; id: string; events: TaskEvent[] }): State => {
      if (action.type === 'reset') return { ids: new Set<string>(), events: [] };
      if (current.ids.has(action.id)) return current;
      return { ids: new Set(current.ids).add(action.id), events: [...current.events, ...action.events] };
    },
    { ids: new Set<string>(), events: [] },
  );
  useEffect(() => dispatch({ type: 'reset' }), [taskId]);

  const subscription = useSubscription(
    trpc.classification.events.subscriptionOptions(
      { taskId },
      { onData: (tracked) => dispatch({ type: 'events', id: tracked.id, events: eventsOfMessage(tracked.data) }) },
    ),
  );

  // While the connection is being restored ('connecting') the error is the lost connection, which the
  // connection badge already shows and which ends on its own; only a subscription that gave up is one.
  return { ...summarise(state.events), events: state.events, subscriptionError: subscription.status === 'error' ? subscription.error : null };
}

function summarise(events: TaskEvent[]): Omit<TaskLiveView, 'events' | 'subscriptionError'> {
  let status: TaskStatus = 'queued';
  let fraction = 0;
  let message: string | null = null;
  let terminal: TaskLiveView['terminal'] = null;
  for (const event of events) {
    if (event.type === 'progress') {
      status = 'processing';
      fraction = Math.max(fraction, Math.min(1, event.current / event.total) * 0.95);
      message = event.message;
    } else if (event.type === 'result') {
      status = 'done';
      fraction = 1;
      terminal = event;
    } else if (event.type === 'failed') {
      status = 'failed';
      terminal = event;
    }
  }
  return { status, fraction, message, terminal };
}
