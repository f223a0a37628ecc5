import type { TaskListItem } from '@nexa/client';
import type { NexaCommand } from '../command';

function describeTask(task: TaskListItem): string {
  if (task.kind === 'single') return task.partnumber;
  const items = task.itemCount === 1 ? `1 item (${task.partnumber})` : `${task.itemCount} items (${task.partnumber}, …)`;
  return task.name ? `${task.name}: ${items}` : items;
}

export const tasksCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('tasks')
      .description('list your recent tasks, newest first')
      .option('--limit <n>', 'how many (1-100)', (value) => Number.parseInt(value, 10), 20),

  async run(context, command) {
    const { limit } = command.opts<{ limit: number }>();
    const answer = await context.client().task.list.query({ limit });
    const lines = answer.items.map((task) => `${task.id}  ${task.status.padEnd(10)}  ${describeTask(task)}  ${task.createdAt}`);
    context.output.result(answer, lines.join('\n') || 'no tasks');
  },
};
