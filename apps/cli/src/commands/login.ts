import type { NexaCommand } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import { readConfigFile, writeConfigFile } from '../settings';

export const loginCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('login')
      .description('save the server URL and a token (or API key) in the config file for later commands'),

  async run(context) {
    const { url, token, configPath } = context.settings;
    if (!token) throw new CliError('give the token to save with --token or NEXA_TOKEN', ExitCode.usage);
    // Only save what works: readiness proves the URL; a protected query would prove the token once accounts exist.
    const ready = await fetch(new URL('/readyz', url)).catch((cause: unknown) => {
      throw new CliError(`cannot reach the Nexa server at ${url}: ${(cause as Error).message}`, ExitCode.unreachable);
    });
    if (!ready.ok) throw new CliError(`the server at ${url} is not ready (HTTP ${ready.status})`, ExitCode.serverError);
    await writeConfigFile(configPath, { ...(await readConfigFile(configPath)), url, token });
    context.output.result({ url, configPath }, `saved ${url} and the token in ${configPath}`);
  },
};
