import type { NexaCommand } from '../command';

export const cancelCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('cancel')
      .description('stop a task: items still queued are not classified (those already running finish)')
      .argument('<taskId>', 'the task (a batch, or a single task still queued)'),

  async run(context, command) {
    const [taskId] = command.args as [string];
    const answer = await context.client().task.cancel.mutate({ taskId });
    const { counts } = answer;
    context.output.result(
      answer,
      answer.cancelled
        ? `cancelled ${taskId}: ${counts.cancelled} items not classified, ${counts.done} done, ${counts.failed} failed`
        : `${taskId} had already ended (${answer.status}); nothing to cancel`,
    );
  },
};
