import { describe, expect, it } from 'vitest';
import { batchCommand } from '../src/commands/batch';
import { exportCommand } from '../src/commands/export';
import { ncmGetCommand, ncmImportCommand, ncmSearchCommand } from '../src/commands/ncm';
import { keysCreateCommand } from '../src/commands/keys';
import { tasksCommand } from '../src/commands/tasks';
import { usersCreateCommand } from '../src/commands/users';
import { buildProgram, runCli } from '../src/run-cli';
import { ExitCode } from '../src/exit-codes';

// Commands written ahead of their procedures: their arguments are checked before any request is made.
const pending = [batchCommand, exportCommand, tasksCommand, ncmGetCommand, ncmSearchCommand, ncmImportCommand, usersCreateCommand, keysCreateCommand];
const offline = { NEXA_URL: 'http://127.0.0.1:9', NEXA_CONFIG: '/nonexistent/nexa.json' };

describe('commands waiting for their procedures', () => {
  it('declare their commands and groups once', () => {
    const program = buildProgram(pending, async () => {});
    expect(program.commands.map((command) => command.name())).toEqual(['batch', 'export', 'tasks', 'ncm', 'users', 'keys']);
    expect(program.commands.find((command) => command.name() === 'ncm')!.commands.map((command) => command.name())).toEqual(['get', 'search', 'import']);
  });

  it('reject bad arguments with exit 2 before contacting the server', async () => {
    expect(await runCli(['batch', 'parts.txt'], offline, pending)).toBe(ExitCode.usage);
    expect(await runCli(['batch', 'parts.csv', '--out', 'results.pdf'], offline, pending)).toBe(ExitCode.usage);
    expect(await runCli(['export', '00000000-0000-4000-8000-000000000000', '--format', 'ods'], offline, pending)).toBe(ExitCode.usage);
    expect(await runCli(['ncm', 'get', '8542'], offline, pending)).toBe(ExitCode.usage);
    expect(await runCli(['users', 'create'], offline, pending)).toBe(ExitCode.usage);
  });

  it('report an unreachable server with exit 3', async () => {
    expect(await runCli(['ncm', 'get', '8542.31.90'], offline, pending)).toBe(ExitCode.unreachable);
    expect(await runCli(['keys', 'create'], offline, pending)).toBe(ExitCode.unreachable);
    expect(await runCli(['export', '00000000-0000-4000-8000-000000000000', '--out', 'x.csv'], offline, pending)).toBe(ExitCode.unreachable);
  });
});
