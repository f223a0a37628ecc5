import type { NexaCommand } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { describeEvent, followTask, formatClassification, succeeded } from '../follow-task';

export const watchCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('watch')
      .description("follow a task's events (its history, then live) until it ends; --json prints JSON lines")
      .argument('<taskId>', 'the task to follow')
      .option('--from <eventId>', 'resume after this event id instead of replaying the whole history'),

  async run(context, command) {
    const [taskId] = command.args as [string];
    const { from } = command.opts<{ from?: string }>();
    if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw new CliError(`"${taskId}" is not a task id (a UUID)`, ExitCode.usage);
    // A query first: it fails fast (unreachable, unknown task, unauthorized) where a subscription would keep reconnecting.
    await context.client().task.get.query({ taskId });

    const terminal = await followTask(context, taskId, { eventsAsJsonLines: context.output.json, ...(from ? { lastEventId: from } : {}) });
    if (!terminal) return ExitCode.interrupted;
    if (!context.output.json) {
      context.output.result(null, terminal.type === 'result' ? formatClassification(terminal.classification) : describeEvent(terminal));
    }
    return succeeded(terminal) ? ExitCode.ok : ExitCode.failed;
  },
};
