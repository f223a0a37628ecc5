import path from 'node:path';
import { createUser } from '@nexa/auth';
import { loadConfig } from '@nexa/config';
import { createUserStore, openDatabase } from '@nexa/db';
import type { NexaCommand } from '../command';
import { commandGroup } from '../command';
import { CliError, ExitCode } from '../exit-codes';

/**
 * An operator command: it writes the account straight into the database Nexa uses (DATABASE_URL, or
 * the embedded PGlite under NEXA_DATA_DIR — which only one process may open, so stop `pnpm start`
 * first). That is how the first admin is made; self-registration can never create one.
 */
export const usersCreateCommand: NexaCommand = {
  declare: (program) =>
    commandGroup(program, 'users', 'manage accounts (operators: writes to the database directly)')
      .command('create')
      .description('create an account in the database Nexa uses (DATABASE_URL, else the embedded one in NEXA_DATA_DIR)')
      .requiredOption('--email <email>', 'the login')
      .option('--password <password>', 'the password (default: env NEXA_NEW_PASSWORD)')
      .option('--admin', 'give it the admin role'),
  async run(context, command) {
    const options = command.opts<{ email: string; password?: string; admin?: boolean }>();
    const password = options.password ?? process.env.NEXA_NEW_PASSWORD;
    if (!password) throw new CliError('give --password or NEXA_NEW_PASSWORD', ExitCode.usage);
    const config = loadConfig(process.env);
    const database = await openDatabase(
      config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: path.resolve(config.NEXA_DATA_DIR, 'pglite') },
    );
    try {
      const user = await createUser(createUserStore(database.db), { email: options.email, password, role: options.admin ? 'admin' : 'user' }).catch(
        (error: unknown) => {
          throw new CliError(`invalid account: ${error instanceof Error ? error.message : String(error)}`, ExitCode.usage);
        },
      );
      if (!user) throw new CliError(`an account ${options.email} already exists`, ExitCode.usage);
      context.output.result({ id: user.id, email: user.email, role: user.role }, `created ${user.email} (${user.role})`);
    } finally {
      await database.close();
    }
  },
};
