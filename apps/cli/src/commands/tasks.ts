import type { NexaCommand } from '../command';
import { callPendingQuery } from '../pending-procedures';

/** Needs `task.list` (auth branch); not in the registry until it lands on main. */
export const tasksCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('tasks')
      .description('list your recent tasks')
      .option('--limit <n>', 'how many', (value) => Number.parseInt(value, 10), 20),

  async run(context, command) {
    const { limit } = command.opts<{ limit: number }>();
    const answer = await callPendingQuery(context.client(), 'task.list', { limit });
    const tasks = (Array.isArray(answer) ? answer : ((answer as { items?: unknown[] }).items ?? [])) as Record<string, unknown>[];
    context.output.result(answer, tasks.map((task) => `${String(task.id)}  ${String(task.status).padEnd(10)}  ${String(task.partnumber ?? task.kind ?? '')}  ${String(task.createdAt ?? '')}`).join('\n') || 'no tasks');
  },
};
