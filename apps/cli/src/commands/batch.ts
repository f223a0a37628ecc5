import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NexaCommand } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { downloadExport, uploadFile } from '../http-endpoints';
import { estimateRemainingMs, formatDuration, progressBar } from '../output';
import { callPendingMutation, field, isString } from '../pending-procedures';

const acceptedExtensions = ['.csv', '.xlsx', '.pdf'];
const outputFormats = { '.xlsx': 'xlsx', '.csv': 'csv', '.json': 'json' } as const;

/**
 * Needs `POST /api/uploads` and `classification.submitBatch` (batch branch): uploads the file,
 * submits the batch for the upload, follows the batch task's progress events with a bar and an ETA,
 * then writes the results. Not in the registry until those land on main.
 */
export const batchCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('batch')
      .description('classify every part of a CSV, XLSX or PDF file, with a progress bar, and write the results')
      .argument('<file>', 'the parts (.csv, .xlsx or .pdf)')
      .option('-o, --out <file>', 'write the results here (.xlsx, .csv or .json)'),

  async run(context, command) {
    const [file] = command.args as [string];
    const { out } = command.opts<{ out?: string }>();
    const input = context.resolvePath(file);
    if (!acceptedExtensions.includes(path.extname(input).toLowerCase())) throw new CliError(`${file}: give a .csv, .xlsx or .pdf file`, ExitCode.usage);
    const outFormat = out ? outputFormats[path.extname(out).toLowerCase() as keyof typeof outputFormats] : undefined;
    if (out && !outFormat) throw new CliError(`--out ${out}: write .xlsx, .csv or .json`, ExitCode.usage);

    const { output } = context;
    output.status(`uploading ${path.basename(input)}…`);
    const upload = await uploadFile(context, input);
    const uploadId = field(upload, 'uploadId', isString);
    const submitted = await callPendingMutation(context.client(), 'classification.submitBatch', { uploadId });
    const taskId = field(submitted, 'taskId', isString);
    output.note(`batch task ${taskId}`);

    const startedAt = Date.now();
    let terminal: string | null = null;
    for await (const { event } of context.client().watch(taskId, { signal: context.signal })) {
      if (event.type === 'progress') {
        const eta = estimateRemainingMs(event.current, event.total, Date.now() - startedAt);
        output.status(`${progressBar(event.current, event.total)} ETA ${eta === null ? '…' : formatDuration(eta)}`);
      }
      if (event.type === 'result' || event.type === 'failed') {
        terminal = event.type === 'failed' ? event.error : 'done';
        break;
      }
    }
    output.clearStatus();
    if (terminal === null) return ExitCode.interrupted;

    if (out && outFormat) {
      const target = context.resolvePath(out);
      if (outFormat === 'json') await writeFile(target, `${JSON.stringify(await context.client().task.get.query({ taskId }), null, 2)}\n`);
      else await downloadExport(context, taskId, outFormat, target);
      output.note(`wrote ${target}`);
    }
    const task = await context.client().task.get.query({ taskId });
    output.result(task, `batch ${taskId}: ${task.status}${task.error ? ` (${task.error})` : ''}, ${task.classifications.length} classified in ${formatDuration(Date.now() - startedAt)}`);
    return terminal === 'done' ? ExitCode.ok : ExitCode.failed;
  },
};
