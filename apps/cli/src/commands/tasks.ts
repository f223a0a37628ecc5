import type { NexaCommand } from '../command';

export const tasksCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('tasks')
      .description('list your recent tasks, newest first')
      .option('--limit <n>', 'how many (1-100)', (value) => Number.parseInt(value, 10), 20),

  async run(context, command) {
    const { limit } = command.opts<{ limit: number }>();
    const answer = await context.client().task.list.query({ limit });
    const lines = answer.items.map((task) => `${task.id}  ${task.status.padEnd(10)}  ${task.partnumber}  ${task.createdAt}`);
    context.output.result(answer, lines.join('\n') || 'no tasks');
  },
};
