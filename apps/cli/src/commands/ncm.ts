import type { NexaCommand } from '../command';
import { commandGroup } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { formatNcm } from '../output';
import { callPendingMutation, callPendingQuery } from '../pending-procedures';

// `ncm.get`, `ncm.search` and `ncm.import` come from the ai branch; not in the registry until they land on main.

const describeEntry = (entry: unknown) => {
  const { code, description } = entry as { code?: string; description?: string };
  return `${formatNcm(String(code ?? ''))}  ${String(description ?? '')}`;
};

export const ncmGetCommand: NexaCommand = {
  declare: (program) => commandGroup(program, 'ncm', 'look up and maintain the NCM table').command('get').description('show one NCM code').argument('<code>', '8 digits, dots allowed'),
  async run(context, command) {
    const [raw] = command.args as [string];
    const code = raw.replaceAll('.', '');
    if (!/^\d{8}$/.test(code)) throw new CliError(`"${raw}" is not an NCM code (8 digits, e.g. 8542.31.90)`, ExitCode.usage);
    const entry = await callPendingQuery(context.client(), 'ncm.get', { code });
    context.output.result(entry, describeEntry(entry));
  },
};

export const ncmSearchCommand: NexaCommand = {
  declare: (program) =>
    commandGroup(program, 'ncm', 'look up and maintain the NCM table')
      .command('search')
      .description('find NCM codes by text')
      .argument('<text...>', 'words to look for')
      .option('--limit <n>', 'how many', (value) => Number.parseInt(value, 10), 10),
  async run(context, command) {
    const text = (command.args as string[]).join(' ');
    const { limit } = command.opts<{ limit: number }>();
    const answer = await callPendingQuery(context.client(), 'ncm.search', { query: text, limit });
    const entries = Array.isArray(answer) ? answer : ((answer as { items?: unknown[] }).items ?? []);
    context.output.result(answer, entries.map(describeEntry).join('\n') || 'nothing found');
  },
};

export const ncmImportCommand: NexaCommand = {
  declare: (program) =>
    commandGroup(program, 'ncm', 'look up and maintain the NCM table')
      .command('import')
      .description('load an NCM table (file path on the server, or URL)')
      .argument('<source>', 'path or http(s) URL'),
  async run(context, command) {
    const [source] = command.args as [string];
    const input = /^https?:\/\//.test(source) ? { url: source } : { path: context.resolvePath(source) };
    const answer = await callPendingMutation(context.client(), 'ncm.import', input);
    context.output.result(answer, `imported: ${JSON.stringify(answer)}`);
  },
};
