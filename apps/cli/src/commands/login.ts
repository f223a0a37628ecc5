import type { NexaCommand } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { readPassword } from '../read-password';
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
      .option('--password <password>', 'its password (default: env NEXA_PASSWORD, else asked for without echo, or the first line piped in)'),

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
      const password = options.password ?? process.env.NEXA_PASSWORD ?? (await readPassword(`Password for ${options.email}: `));
      if (!password) throw new CliError('give the password when asked, or --password or NEXA_PASSWORD with --email', ExitCode.usage);
      const session = await context.client().auth.login.mutate({ email: options.email, password });
      token = session.accessToken;
    }
    if (!token) throw new CliError('give --token (or NEXA_TOKEN), or --email and --password', ExitCode.usage);
    await writeConfigFile(configPath, { ...(await readConfigFile(configPath)), url, token });
    context.output.result({ url, configPath }, `saved ${url} and the token in ${configPath}`);
  },
};
