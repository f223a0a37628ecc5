export { runCli, buildProgram } from './run-cli';
export { ExitCode, CliError, toCliError } from './exit-codes';
export { resolveSettings, configPath, type Settings, type ConfigFile } from './settings';
export type { NexaCommand } from './command';
