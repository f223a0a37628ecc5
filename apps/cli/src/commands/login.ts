import type { NexaCommand } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { callPendingMutation, field, isString } from '../pending-procedures';
import { readConfigFile, writeConfigFile } from '../settings';

interface LoginOptions {
  email?: string;
  password?: string;
}

export const loginCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('login')
      .description('save the server URL and a token (--token, or one obtained with --email/--password) in the config file')
      .option('--email <email>', 'sign in with an account instead of giving --token')
      .option('--password <password>', 'its password (default: env NEXA_PASSWORD)'),

  async run(context, command) {
    const { url, configPath } = context.settings;
    const options = command.opts<LoginOptions>();
    // Only save what works: readiness proves the URL.
    const ready = await fetch(new URL('/readyz', url)).catch((cause: unknown) => {
      throw new CliError(`cannot reach the Nexa server at ${url}: ${(cause as Error).message}`, ExitCode.unreachable);
    });
    if (!ready.ok) throw new CliError(`the server at ${url} is not ready (HTTP ${ready.status})`, ExitCode.serverError);

    let token = context.settings.token;
    if (options.email) {
      const password = options.password ?? process.env.NEXA_PASSWORD;
      if (!password) throw new CliError('give --password or NEXA_PASSWORD with --email', ExitCode.usage);
      // `auth.login` comes from the auth branch; until it is on main the server answers NOT_FOUND (exit 5).
      const session = await callPendingMutation(context.client(), 'auth.login', { email: options.email, password });
      token = field(session, 'token', isString);
    }
    if (!token) throw new CliError('give --token (or NEXA_TOKEN), or --email and --password', ExitCode.usage);
    await writeConfigFile(configPath, { ...(await readConfigFile(configPath)), url, token });
    context.output.result({ url, configPath }, `saved ${url} and the token in ${configPath}`);
  },
};
