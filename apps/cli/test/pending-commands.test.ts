import { describe, expect, it } from 'vitest';
import { keysCreateCommand } from '../src/commands/keys';
import { tasksCommand } from '../src/commands/tasks';
import { usersCreateCommand } from '../src/commands/users';
import { buildProgram, runCli } from '../src/run-cli';
import { ExitCode } from '../src/exit-codes';

// Commands written ahead of their procedures: their arguments are checked before any request is made.
const pending = [tasksCommand, usersCreateCommand, keysCreateCommand];
const offline = { NEXA_URL: 'http://127.0.0.1:9', NEXA_CONFIG: '/nonexistent/nexa.json' };

describe('commands waiting for their procedures', () => {
  it('declare their commands and groups once', () => {
    const program = buildProgram(pending, async () => {});
    expect(program.commands.map((command) => command.name())).toEqual(['tasks', 'users', 'keys']);
    expect(program.commands.find((command) => command.name() === 'users')!.commands.map((command) => command.name())).toEqual(['create']);
  });

  it('reject bad arguments with exit 2 before contacting the server', async () => {
    expect(await runCli(['users', 'create'], offline, pending)).toBe(ExitCode.usage);
  });

  it('report an unreachable server with exit 3', async () => {
    expect(await runCli(['tasks'], offline, pending)).toBe(ExitCode.unreachable);
    expect(await runCli(['keys', 'create'], offline, pending)).toBe(ExitCode.unreachable);
  });
});
