import type { NexaCommand } from '../command';
import { commandGroup } from '../command';
import { formatNcm } from '@nexa/client';

const ncmGroup = (program: Parameters<NexaCommand['declare']>[0]) => commandGroup(program, 'ncm', 'look up and maintain the NCM table');

export const ncmGetCommand: NexaCommand = {
  declare: (program) => ncmGroup(program).command('get').description('show one NCM code (any level) with its path').argument('<code>', 'dotted or plain, e.g. 8542.31.90 or 85.42'),
  async run(context, command) {
    const [code] = command.args as [string];
    const entry = await context.client().ncm.get.query({ code });
    const lines = [`${entry.dotted}  ${entry.description}`, `  path   ${entry.path}`];
    if (entry.standaloneDescription) lines.push(`  alone  ${entry.standaloneDescription}`);
    lines.push(`  valid  ${entry.validFrom ?? '?'} → ${entry.validTo ?? 'open'}${entry.removedAt ? ` (removed from the table ${entry.removedAt})` : ''}`);
    context.output.result(entry, lines.join('\n'));
  },
};

export const ncmSearchCommand: NexaCommand = {
  declare: (program) =>
    ncmGroup(program)
      .command('search')
      .description('find 8-digit NCM codes in force by words (or list those starting with digits)')
      .argument('<text...>', 'words to look for')
      .option('--limit <n>', 'how many (1–50)', (value) => Number.parseInt(value, 10), 10),
  async run(context, command) {
    const query = (command.args as string[]).join(' ');
    const { limit } = command.opts<{ limit: number }>();
    const hits = await context.client().ncm.search.query({ query, limit });
    context.output.result(hits, hits.map((hit) => `${formatNcm(hit.code)}  ${hit.description}  (${hit.score.toFixed(2)})`).join('\n') || 'nothing found');
  },
};

export const ncmImportCommand: NexaCommand = {
  declare: (program) =>
    ncmGroup(program)
      .command('import')
      .description("load the official NCM table (Siscomex JSON) from a path on the server's machine or an http(s) URL")
      .argument('<source>', 'path or http(s) URL of the table')
      .option('--comexstat <source>', 'path or URL of the Comex Stat NCM.csv (standalone descriptions)'),
  async run(context, command) {
    const [source] = command.args as [string];
    const { comexstat } = command.opts<{ comexstat?: string }>();
    // A relative path means the folder the user is in; the server reads it (same machine, or a shared path).
    const locate = (value: string) => (/^https?:\/\//.test(value) ? value : context.resolvePath(value));
    const summary = await context.client().ncm.import.mutate({ source: locate(source), ...(comexstat ? { comexstat: locate(comexstat) } : {}) });
    context.output.result(summary, `imported NCM table ${summary.version ?? ''} (${summary.act ?? 'no act'}): ${summary.total} codes, ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed`);
  },
};
