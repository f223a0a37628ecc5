import type { NexaCommand } from '../command';
import type { CommandContext } from '../context';
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
    if (!terminal && context.signal.aborted) return ExitCode.interrupted;
    if (!terminal) return endedBefore(context, taskId, from);
    if (!context.output.json) {
      context.output.result(null, terminal.type === 'result' ? formatClassification(terminal.classification) : describeEvent(terminal));
    }
    return succeeded(terminal) ? ExitCode.ok : ExitCode.failed;
  },
};

/** The stream closed with no terminal event after `--from`: the task ended at or before that event. */
async function endedBefore(context: CommandContext, taskId: string, from: string | undefined): Promise<ExitCode> {
  const { status } = await context.client().task.get.query({ taskId });
  if (status === 'queued' || status === 'processing') {
    throw new CliError(`the event stream of task ${taskId} closed while it is still ${status}; run nexa watch again`, ExitCode.serverError);
  }
  context.output.note(`task ${taskId} had already ended (${status}); no events after ${from ?? 'its start'}`);
  return status === 'done' ? ExitCode.ok : ExitCode.failed;
}
