import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Transport } from '@nexa/client';
import { ConfigError, loadCliEnv } from '@nexa/config';
import { CliError, ExitCode } from './exit-codes';

export const defaultServerUrl = 'http://127.0.0.1:3000';

/** What `nexa login` writes and every command reads. */
export interface ConfigFile {
  url?: string;
  token?: string;
}

export interface Settings {
  url: string;
  token: string | undefined;
  transport: Transport;
  json: boolean;
  quiet: boolean;
  configPath: string;
}

export interface GlobalFlags {
  url?: string;
  token?: string;
  transport?: string;
  json?: boolean;
  quiet?: boolean;
}

export type Env = Record<string, string | undefined>;

/** `NEXA_CONFIG`, else `$XDG_CONFIG_HOME/nexa/config.json`, else `~/.config/nexa/config.json`. */
export function configPath(env: Env): string {
  if (env.NEXA_CONFIG) return path.resolve(env.NEXA_CONFIG);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'nexa', 'config.json');
}

export async function readConfigFile(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read the config file ${file}: ${(error as Error).message}`, ExitCode.usage);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
    const { url, token } = parsed as Record<string, unknown>;
    return { ...(typeof url === 'string' ? { url } : {}), ...(typeof token === 'string' ? { token } : {}) };
  } catch (error) {
    throw new CliError(`the config file ${file} is not valid: ${(error as Error).message}`, ExitCode.usage);
  }
}

export async function writeConfigFile(file: string, config: ConfigFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // The token is a credential: only the owner may read the file.
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

/** Flags win over the environment, which wins over the config file. */
export async function resolveSettings(flags: GlobalFlags, rawEnv: Env): Promise<Settings> {
  let env;
  try {
    env = loadCliEnv(rawEnv);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`bad environment: ${error.issues.join('; ')}`, ExitCode.usage);
    throw error;
  }
  const file = configPath(env);
  const config = await readConfigFile(file);
  const url = flags.url ?? env.NEXA_URL ?? config.url ?? defaultServerUrl;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new CliError(`the server URL "${url}" is not an http(s) URL`, ExitCode.usage);
  }
  const transport = flags.transport ?? env.NEXA_TRANSPORT ?? 'ws';
  if (transport !== 'ws' && transport !== 'sse') throw new CliError(`--transport must be ws or sse, not "${transport}"`, ExitCode.usage);
  return {
    url,
    token: flags.token ?? env.NEXA_TOKEN ?? config.token,
    transport,
    json: flags.json ?? false,
    quiet: flags.quiet ?? false,
    configPath: file,
  };
}
