import { Command, CommanderError, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import type { NexaCommand } from './command';
import { commands as allCommands } from './commands/index';
import { createCommandContext, type CommandContext } from './context';
import { ExitCode, toCliError } from './exit-codes';
import { Output } from './output';
import { resolveSettings, type Env, type GlobalFlags } from './settings';

export function buildProgram(commands: readonly NexaCommand[], onAction: (definition: NexaCommand, command: Command) => Promise<void>): Command {
  const program = new Command('nexa')
    .description('Classify partnumbers into NCM codes with a Nexa server')
    .addOption(new Option('--url <url>', 'the Nexa server (env NEXA_URL, config file; default http://127.0.0.1:3000)'))
    .addOption(new Option('--token <token>', 'a token or API key (env NEXA_TOKEN, config file)'))
    .addOption(new Option('--transport <ws|sse>', 'how live events travel (env NEXA_TRANSPORT; default ws)'))
    .option('--json', 'machine-readable output: one JSON document, or JSON lines for streams')
    .option('-q, --quiet', 'no progress on stderr')
    .version(packageJson.version)
    .showHelpAfterError()
    .exitOverride();
  program.addHelpText('after', '\nExit codes: 0 done, 1 failed, 2 usage, 3 unreachable, 4 unauthorized, 5 not found, 6 server error, 130 interrupted.');
  for (const definition of commands) {
    definition
      .declare(program)
      .exitOverride()
      .action(async (...args: unknown[]) => onAction(definition, args.at(-1) as Command));
  }
  return program;
}

/** Runs `nexa <argv>` and resolves to the exit code; never throws. */
export async function runCli(argv: readonly string[], env: Env = process.env, commands: readonly NexaCommand[] = allCommands): Promise<number> {
  let exitCode: number = ExitCode.ok;
  let output = new Output(argv.includes('--json'), false);
  let serverUrl = 'the configured URL';
  let interrupted = false;

  const program = buildProgram(commands, async (definition, command) => {
    const settings = await resolveSettings(command.optsWithGlobals<GlobalFlags>(), env);
    serverUrl = settings.url;
    const interrupt = new AbortController();
    interrupt.signal.addEventListener('abort', () => (interrupted = true), { once: true });
    const context = createCommandContext(settings, interrupt.signal);
    output = context.output;
    const detach = definition.ownsSignals ? () => {} : stopOnCtrlC(context, interrupt);
    try {
      exitCode = (await definition.run(context, command)) ?? ExitCode.ok;
    } finally {
      detach();
      await context.close();
    }
    if (interrupt.signal.aborted) exitCode = ExitCode.interrupted;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are asked for, not mistakes; commander has already printed the reason.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    // A request cut short by Ctrl-C is not a failure to report.
    if (interrupted) return ExitCode.interrupted;
    const failure = toCliError(error, serverUrl);
    output.error(failure.message);
    return failure.exitCode;
  }
  return exitCode;
}

/** Ctrl-C aborts the command's streams; the command then ends and the CLI exits 130. */
function stopOnCtrlC(context: CommandContext, interrupt: AbortController): () => void {
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(ExitCode.interrupted); // a second Ctrl-C: stop at once
    context.output.note('interrupted');
    interrupt.abort();
    // A request in flight does not listen to the signal; do not wait on it for long.
    setTimeout(() => process.exit(ExitCode.interrupted), 2_000).unref();
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}
