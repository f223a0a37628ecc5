import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestNexa } from '@nexa/tests';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSettings } from '../src/settings';
import { runNexa, runNexaInTerminal } from './run-nexa';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nexa-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('usage errors and an unreachable server', () => {
  it('exits 2 for an unknown command, a missing argument and a bad --transport', async () => {
    const unknown = await runNexa(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await runNexa(['classify']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'partnumber'");
    const transport = await runNexa(['--transport', 'carrier-pigeon', 'classify', 'LM358']);
    expect(transport.code).toBe(2);
    expect(transport.stderr).toContain('--transport must be ws or sse');
  });

  it('exits 0 with help, listing the exit codes', async () => {
    const help = await runNexa(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('classify');
    expect(help.stdout).toContain('3 unreachable');
  });

  it('runs as the installed bin too', async () => {
    const bin = await runNexa(['--version'], {}, { viaBin: true });
    expect(bin.code).toBe(0);
    expect(bin.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 3 with a clear message when nothing listens at the URL', async () => {
    const run = await runNexa(['--url', 'http://127.0.0.1:9', 'classify', 'LM358']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('nexa: cannot reach the Nexa server at http://127.0.0.1:9 (is it running? set --url or NEXA_URL)\n');
    const watching = await runNexa(['watch', '00000000-0000-4000-8000-000000000000'], { NEXA_URL: 'http://127.0.0.1:9' });
    expect(watching.code).toBe(3);

    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ url: 'http://127.0.0.1:7' }));
    const fromFile = await runNexa(['classify', 'LM358'], { NEXA_CONFIG: configFile });
    expect(fromFile.code).toBe(3);
    expect(fromFile.stderr).toContain('cannot reach the Nexa server at http://127.0.0.1:7');
  });
});

describe('where the server and credentials come from', () => {
  it('reads the URL and token from NEXA_URL/NEXA_TOKEN and from the config file named by NEXA_CONFIG', async () => {
    await using nexa = await startTestNexa();
    const fromEnv = await runNexa(['--json', 'classify', 'LM7805', '-d', 'regulador de tensao'], { NEXA_URL: nexa.nexa.url, NEXA_TOKEN: nexa.token });
    expect(fromEnv.code).toBe(0);

    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ url: nexa.nexa.url, token: nexa.token }));
    const fromFile = await runNexa(['--json', 'classify', 'LM7805'], { NEXA_CONFIG: configFile });
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ status: 'done' });
  });

  it('lets flags win over the environment, which wins over the config file', async () => {
    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ url: 'http://file:1', token: 'file-token' }));
    const fileOnly = await resolveSettings({}, { NEXA_CONFIG: configFile });
    expect(fileOnly).toMatchObject({ url: 'http://file:1', token: 'file-token', configPath: configFile });
    const env = { NEXA_CONFIG: configFile, NEXA_URL: 'http://env:2', NEXA_TOKEN: 'env-token' };
    expect(await resolveSettings({}, env)).toMatchObject({ url: 'http://env:2', token: 'env-token' });
    expect(await resolveSettings({ url: 'http://flag:3', token: 'flag-token' }, env)).toMatchObject({ url: 'http://flag:3', token: 'flag-token' });
    expect(await resolveSettings({}, { NEXA_CONFIG: path.join(dir, 'missing.json') })).toMatchObject({ url: 'http://127.0.0.1:3000', token: undefined });
    expect(await resolveSettings({}, { XDG_CONFIG_HOME: dir })).toMatchObject({ configPath: path.join(dir, 'nexa', 'config.json') });
  });

  it('exits 2 naming the file when the config file is not valid JSON', async () => {
    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, '{ url: ');
    const run = await runNexa(['classify', 'LM358'], { NEXA_CONFIG: configFile });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the config file ${configFile} is not valid`);
  });

  it('nexa login saves the URL and token, readable by the owner only, for later commands', async () => {
    await using nexa = await startTestNexa();
    const configFile = path.join(dir, 'nested', 'config.json');
    const login = await runNexa(['login', '--url', nexa.nexa.url, '--token', nexa.token], { NEXA_CONFIG: configFile });
    expect(login.code).toBe(0);
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toEqual({ url: nexa.nexa.url, token: nexa.token });
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);

    const later = await runNexa(['--json', 'classify', 'LM317'], { NEXA_CONFIG: configFile });
    expect(later.code).toBe(0);

    const withoutToken = await runNexa(['login', '--url', nexa.nexa.url], { NEXA_CONFIG: path.join(dir, 'other.json') });
    expect(withoutToken.code).toBe(2);
    const unreachable = await runNexa(['login', '--url', 'http://127.0.0.1:9', '--token', 't'], { NEXA_CONFIG: path.join(dir, 'other.json') });
    expect(unreachable.code).toBe(3);
    await expect(stat(path.join(dir, 'other.json'))).rejects.toThrow(/ENOENT/);
  });

  it('nexa login --email signs in with --password, NEXA_PASSWORD, a piped line or a prompt without echo, and saves the access token; a wrong password saves nothing', async () => {
    await using nexa = await startTestNexa();
    const account = await nexa.createUser();
    const configFile = path.join(dir, 'signed-in.json');
    const login = await runNexa(['login', '--url', nexa.nexa.url, '--email', account.email], { NEXA_CONFIG: configFile, NEXA_PASSWORD: account.password });
    expect(login.code).toBe(0);
    const saved = JSON.parse(await readFile(configFile, 'utf8')) as { url: string; token: string };
    expect(saved.url).toBe(nexa.nexa.url);
    const later = await runNexa(['--json', 'classify', 'LM7812'], { NEXA_CONFIG: configFile });
    expect(later.code).toBe(0);
    const { taskId } = JSON.parse(later.stdout) as { taskId: string };
    expect((await account.client().task.get.query({ taskId })).ownerId).toBe(account.user.id);

    const refusedFile = path.join(dir, 'refused.json');
    const refused = await runNexa(['login', '--url', nexa.nexa.url, '--email', account.email, '--password', 'not the password'], { NEXA_CONFIG: refusedFile });
    expect(refused.code).toBe(4);
    await expect(stat(refusedFile)).rejects.toThrow(/ENOENT/);

    // Without --password or NEXA_PASSWORD: the first line piped in.
    const pipedFile = path.join(dir, 'piped.json');
    const piped = await runNexa(['login', '--url', nexa.nexa.url, '--email', account.email], { NEXA_CONFIG: pipedFile }, { stdin: `${account.password}\n` });
    expect(piped.code).toBe(0);
    expect((JSON.parse(await readFile(pipedFile, 'utf8')) as { token: string }).token).toBeTruthy();
    // At a terminal: asked for, and not echoed.
    const terminalFile = path.join(dir, 'terminal.json');
    const atTerminal = await runNexaInTerminal(['login', '--url', nexa.nexa.url, '--email', account.email], { NEXA_CONFIG: terminalFile }, /Password for /, account.password);
    expect(atTerminal.code).toBe(0);
    expect(atTerminal.screen).toContain(`Password for ${account.email}: `);
    expect(atTerminal.screen).not.toContain(account.password);
    expect((JSON.parse(await readFile(terminalFile, 'utf8')) as { token: string }).token).toBeTruthy();

    const nothingPiped = await runNexa(['login', '--url', nexa.nexa.url, '--email', account.email], { NEXA_CONFIG: pipedFile }, { stdin: '' });
    expect(nothingPiped.code).toBe(2);

    const anonymous = await runNexa(['--json', 'classify', 'LM7812'], { NEXA_URL: nexa.nexa.url, NEXA_CONFIG: refusedFile });
    expect(anonymous.code).toBe(4);
    expect(anonymous.stderr).toMatch(/--token, NEXA_TOKEN or `nexa login`/);
  });
});
