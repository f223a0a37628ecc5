import type { Command } from 'commander';
import type { CommandContext } from './context';
import type { ExitCode } from './exit-codes';

/** One `nexa` command: one file in `commands/`, listed in `commands/index.ts` once its procedures exist. */
export interface NexaCommand {
  /** Adds the command, its arguments and options to `program` and returns it. */
  declare(program: Command): Command;
  run(context: CommandContext, command: Command): Promise<ExitCode | void>;
  /** The command handles SIGINT/SIGTERM itself (`start`); others stop on Ctrl-C with exit 130. */
  ownsSignals?: boolean;
}

/** The `nexa <group>` parent of sub-commands such as `nexa ncm get`, created once. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);
}
