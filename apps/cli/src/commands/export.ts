import { Option } from 'commander';
import type { NexaCommand } from '../command';
import { downloadExport } from '../http-endpoints';

export const exportCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('export')
      .description("download a task's results as a spreadsheet")
      .argument('<taskId>', 'the task (usually a batch)')
      .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'csv']))
      .option('-o, --out <file>', 'where to write it (default: stdout)'),

  async run(context, command) {
    const [taskId] = command.args as [string];
    const options = command.opts<{ format?: 'xlsx' | 'csv'; out?: string }>();
    const format = options.format ?? (options.out?.toLowerCase().endsWith('.csv') ? 'csv' : options.out ? 'xlsx' : 'csv');
    const out = options.out ? context.resolvePath(options.out) : undefined;
    await downloadExport(context, taskId, format, out);
    if (out) context.output.note(`wrote ${out}`);
  },
};
