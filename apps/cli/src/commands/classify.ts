import { Option } from 'commander';
import type { NexaCommand } from '../command';
import { ExitCode } from '../exit-codes';
import { describeEvent, followTask, formatClassification } from '../follow-task';

interface ClassifyOptions {
  description?: string;
  manufacturer?: string;
  supplier?: string;
  reclassify?: boolean;
  idempotencyKey?: string;
}

export const classifyCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('classify')
      .description('classify one partnumber and follow it live until its NCM is known')
      .argument('<partnumber>', 'the part to classify')
      .addOption(new Option('-d, --description <text>', 'what the part is (helps the classifier most)'))
      .addOption(new Option('-m, --manufacturer <name>', 'who makes it'))
      .addOption(new Option('-s, --supplier <name>', 'who sells it'))
      .addOption(new Option('--reclassify', 'classify again even if the partnumber already has a classification'))
      .addOption(new Option('--idempotency-key <key>', 'a key of yours: running the command again with it returns the same task instead of a new one')),

  async run(context, command) {
    const [partnumber] = command.args as [string];
    const options = command.opts<ClassifyOptions>();
    const submitted = await context.client().classification.submit.mutate({
      partnumber,
      description: options.description,
      manufacturer: options.manufacturer,
      supplier: options.supplier,
      reclassify: options.reclassify ?? false,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    });
    context.output.note(`task ${submitted.taskId} ${submitted.status === 'done' ? 'answered from history' : submitted.status}`);

    const terminal = await followTask(context, submitted.taskId);
    if (!terminal) return ExitCode.interrupted;
    if (terminal.type !== 'result') {
      // `failed`, or `cancelled` by someone calling task.cancel while it was queued.
      const status = terminal.type === 'cancelled' ? 'cancelled' : 'failed';
      const reason = terminal.type === 'failed' ? terminal.error : describeEvent(terminal);
      context.output.result({ taskId: submitted.taskId, status, error: reason }, `classification ${status}: ${reason}`);
      return ExitCode.failed;
    }
    context.output.result({ taskId: submitted.taskId, status: 'done', classification: terminal.classification }, formatClassification(terminal.classification));
    return ExitCode.ok;
  },
};
