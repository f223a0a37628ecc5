import type { NexaCommand } from '../command';
import { commandGroup } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { callPendingMutation } from '../pending-procedures';

/** Needs `users.create` (auth branch); not in the registry until it lands on main. */
export const usersCreateCommand: NexaCommand = {
  declare: (program) =>
    commandGroup(program, 'users', 'manage accounts')
      .command('create')
      .description('create an account')
      .requiredOption('--email <email>', 'the login')
      .option('--password <password>', 'the password (default: env NEXA_NEW_PASSWORD)')
      .option('--admin', 'give it the admin role'),
  async run(context, command) {
    const options = command.opts<{ email: string; password?: string; admin?: boolean }>();
    const password = options.password ?? process.env.NEXA_NEW_PASSWORD;
    if (!password) throw new CliError('give --password or NEXA_NEW_PASSWORD', ExitCode.usage);
    const user = await callPendingMutation(context.client(), 'users.create', { email: options.email, password, role: options.admin ? 'admin' : 'user' });
    context.output.result(user, `created ${options.email}${options.admin ? ' (admin)' : ''}`);
  },
};
