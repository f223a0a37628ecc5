import type { Classification, TaskEvent } from '@nexa/client';
import type { CommandContext } from './context';
import { formatNcm } from './output';

export type TerminalEvent = Extract<TaskEvent, { type: 'result' | 'failed' }>;

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
  return lines.join('\n');
}

export interface FollowOptions {
  lastEventId?: string;
  /** Print every event as a JSON line on stdout (`nexa watch --json`). */
  eventsAsJsonLines?: boolean;
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
  for await (const { id, event } of stream) {
    if (options.eventsAsJsonLines) output.item({ id, ...event }, describeEvent(event));
    else if (event.type === 'queued' || event.type === 'progress') output.status(`${taskId.slice(0, 8)} ${describeEvent(event)}`);
    if (event.type === 'result' || event.type === 'failed') {
      output.clearStatus();
      return event;
    }
  }
  return null;
}
