import type { NexaCommand } from '../command';
import { commandGroup } from '../command';
import { callPendingMutation, field, isString } from '../pending-procedures';

/** Needs `apiKeys.create` (auth branch); not in the registry until it lands on main. */
export const keysCreateCommand: NexaCommand = {
  declare: (program) =>
    commandGroup(program, 'keys', 'manage API keys for scripts and services')
      .command('create')
      .description('create an API key; it is shown once')
      .option('--name <name>', 'what it is for', 'nexa-cli'),
  async run(context, command) {
    const { name } = command.opts<{ name: string }>();
    const created = await callPendingMutation(context.client(), 'apiKeys.create', { name });
    const key = field(created, 'key', isString);
    context.output.result(created, `${key}\n(store it now: it is not shown again; use it as --token or NEXA_TOKEN)`);
  },
};
