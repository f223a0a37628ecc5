import { eventsOfMessage, formatNcm, type Classification, type TaskEvent } from '@nexa/client';
import type { CommandContext } from './context';

export type TerminalEvent = Extract<TaskEvent, { type: 'result' | 'failed' | 'batch_finished' | 'cancelled' }>;

const isTerminal = (event: TaskEvent): event is TerminalEvent =>
  event.type === 'result' || event.type === 'failed' || event.type === 'batch_finished' || event.type === 'cancelled';

/** Whether the task ended well: a classification, or a batch in which at least one item was classified. */
export const succeeded = (event: TerminalEvent) => event.type === 'result' || (event.type === 'batch_finished' && event.status === 'done');

export function describeEvent(event: TaskEvent): string {
  switch (event.type) {
    case 'queued':
      return 'queued, waiting for a worker';
    case 'progress':
      return `[${event.current}/${event.total}] ${event.message}`;
    case 'result':
      return `classified as ${formatNcm(event.classification.ncm)}`;
    case 'failed':
      return `failed: ${event.error}`;
    case 'item_result':
      return `item ${event.seq} ${event.partnumber}: ${formatNcm(event.classification.ncm)}`;
    case 'item_failed':
      return `item ${event.seq} ${event.partnumber} failed: ${event.error}`;
    case 'batch_progress':
      return `${event.done + event.failed}/${event.total} (${event.failed} failed)`;
    case 'batch_finished':
      return `batch ${event.status}: ${event.done} classified, ${event.failed} failed, ${event.cancelled} cancelled of ${event.total}`;
    case 'cancelled':
      return `cancelled: ${event.done} classified, ${event.failed} failed, ${event.cancelled} cancelled of ${event.total}`;
  }
}

export function formatClassification(classification: Classification): string {
  const lines = [
    `${classification.partnumber}  →  NCM ${formatNcm(classification.ncm)}  ${classification.description}`,
    `  confidence     ${Math.round(classification.confidence * 100)}%`,
  ];
  for (const alternative of classification.alternatives) {
    lines.push(`  alternative    ${formatNcm(alternative.ncm)}  ${alternative.description} (${alternative.score.toFixed(2)})`);
  }
  if (classification.justification) lines.push(`  justification  ${classification.justification}`);
  lines.push(`  engine ${classification.engine} · status ${classification.status} · task ${classification.taskId ?? '-'}`);
  lines.push(`  id ${classification.id}`);
  return lines.join('\n');
}

export interface FollowOptions {
  lastEventId?: string;
  /** Print every event as a JSON line on stdout (`nexa watch --json`). */
  eventsAsJsonLines?: boolean;
  /** Called for every event (after it is printed); `batch` draws its bar from these. */
  onEvent?(event: TaskEvent): void;
}

/**
 * Streams a task's events, showing progress on stderr, until its terminal event; null when the
 * stream ended without one (Ctrl-C).
 */
export async function followTask(context: CommandContext, taskId: string, options: FollowOptions = {}): Promise<TerminalEvent | null> {
  const { output } = context;
  const stream = context.client().watch(taskId, {
    signal: context.signal,
    ...(options.lastEventId ? { lastEventId: options.lastEventId } : {}),
  });
  for await (const { id, event: message } of stream) {
    // A batch's events may arrive grouped; they share the group's id (the id to resume after).
    for (const event of eventsOfMessage(message)) {
      if (options.eventsAsJsonLines) output.item({ id, ...event }, describeEvent(event));
      else if (!options.onEvent && !isTerminal(event)) output.status(`${taskId.slice(0, 8)} ${describeEvent(event)}`);
      options.onEvent?.(event);
      if (isTerminal(event)) {
        output.clearStatus();
        return event;
      }
    }
  }
  return null;
}
