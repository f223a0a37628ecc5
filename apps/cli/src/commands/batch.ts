import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NexaCommand } from '../command';
import type { CommandContext } from '../context';
import { CliError, ExitCode } from '../exit-codes';
import { describeEvent, followTask } from '../follow-task';
import { downloadExport, uploadFile } from '../http-endpoints';
import { estimateRemainingMs, formatDuration, progressBar } from '../output';

const acceptedExtensions = ['.csv', '.xlsx', '.pdf'];
const outputFormats = { '.xlsx': 'xlsx', '.csv': 'csv', '.json': 'json' } as const;
const rejectedRowsShown = 10;

export const batchCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('batch')
      .description('classify every part of a CSV, XLSX or PDF file, with a progress bar, and write the results')
      .argument('<file>', 'the parts (.csv, .xlsx or .pdf)')
      .option('-o, --out <file>', 'write the results here (.xlsx, .csv or .json)')
      .option('--reclassify', 'classify again even parts that already have a classification')
      .option('--name <name>', "what the history calls the batch (default: the file's name)"),

  async run(context, command) {
    const [file] = command.args as [string];
    const { out, reclassify, name } = command.opts<{ out?: string; reclassify?: boolean; name?: string }>();
    const input = context.resolvePath(file);
    if (!acceptedExtensions.includes(path.extname(input).toLowerCase())) throw new CliError(`${file}: give a .csv, .xlsx or .pdf file`, ExitCode.usage);
    const outFormat = out ? outputFormats[path.extname(out).toLowerCase() as keyof typeof outputFormats] : undefined;
    if (out && !outFormat) throw new CliError(`--out ${out}: write .xlsx, .csv or .json`, ExitCode.usage);

    const { output } = context;
    output.status(`uploading ${path.basename(input)}…`);
    const upload = await uploadFile(context, input, { reclassify: reclassify ?? false, name });
    output.note(
      `batch ${upload.taskId}: ${upload.total} parts from ${upload.format.toUpperCase()}` +
        `${upload.duplicates ? `, ${upload.duplicates} duplicate lines merged` : ''}` +
        `${upload.answeredFromHistory ? `, ${upload.answeredFromHistory} known already` : ''}`,
    );
    for (const rejected of upload.rejected.slice(0, rejectedRowsShown)) output.note(`  row ${rejected.row} skipped (${rejected.column}): ${rejected.reason}`);
    if (upload.rejected.length > rejectedRowsShown) output.note(`  … and ${upload.rejected.length - rejectedRowsShown} more rows skipped`);

    // Parts answered from history are done at once; the ETA is drawn from the rate of the rest.
    const startedAt = Date.now();
    let ended = upload.answeredFromHistory;
    const terminal = await followTask(context, upload.taskId, {
      onEvent(event) {
        if (event.type === 'batch_progress') ended = Math.max(ended, event.done + event.failed);
        else if (event.type === 'item_result' || event.type === 'item_failed') ended += 1;
        else return;
        ended = Math.min(ended, upload.total);
        const eta = estimateRemainingMs(ended - upload.answeredFromHistory, upload.total - upload.answeredFromHistory, Date.now() - startedAt);
        output.status(`${progressBar(ended, upload.total)}  ETA ${eta === null ? '…' : formatDuration(eta)}`);
      },
    });
    if (!terminal) return ExitCode.interrupted;
    if (terminal.type !== 'batch_finished' && terminal.type !== 'cancelled') throw new CliError(`unexpected end of a batch: ${describeEvent(terminal)}`, ExitCode.serverError);

    const target = out && outFormat ? context.resolvePath(out) : null;
    if (target && outFormat) {
      if (outFormat === 'json') await writeFile(target, `${JSON.stringify(await allItems(context, upload.taskId), null, 2)}\n`);
      else await downloadExport(context, upload.taskId, outFormat, target);
    }
    const summary = { taskId: upload.taskId, status: terminal.type === 'cancelled' ? 'cancelled' : terminal.status, total: terminal.total, done: terminal.done, failed: terminal.failed, cancelled: terminal.cancelled, rejectedRows: upload.rejected.length, out: target };
    output.result(summary, `${describeEvent(terminal)} in ${formatDuration(Date.now() - startedAt)}${target ? `; results in ${target}` : `; \`nexa export ${upload.taskId} --out results.xlsx\` writes them`}`);
    return terminal.type === 'batch_finished' && terminal.failed === 0 && terminal.cancelled === 0 ? ExitCode.ok : ExitCode.failed;
  },
};

async function allItems(context: CommandContext, taskId: string) {
  const items = [];
  let cursor: number | null = null;
  do {
    const page = await context.client().task.items.query({ taskId, cursor, limit: 1000 });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
