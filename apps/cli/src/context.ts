import { createNexaClient, type NexaClient } from '@nexa/client';
import { EventSource } from 'eventsource';
import path from 'node:path';
import WebSocket from 'ws';
import { Output } from './output';
import type { Settings } from './settings';

/** What every command gets: settings, output, one lazily created client and the Ctrl-C signal. */
export interface CommandContext {
  readonly settings: Settings;
  readonly output: Output;
  /** The client for the configured server, created on first use and closed when the command ends. */
  client(): NexaClient;
  /** Aborted on Ctrl-C; commands that wait on a stream pass it on. */
  readonly signal: AbortSignal;
  /** Resolves a path the user typed against the folder they typed it in (`pnpm nexa` runs in the repo root). */
  resolvePath(file: string): string;
  close(): Promise<void>;
}

export function createCommandContext(settings: Settings, signal: AbortSignal): CommandContext {
  let client: NexaClient | null = null;
  const startedIn = process.env.INIT_CWD ?? process.cwd();
  const output = new Output(settings.json, settings.quiet);
  return {
    settings,
    output,
    signal,
    client() {
      client ??= createNexaClient({
        url: settings.url,
        transport: settings.transport,
        WebSocket,
        EventSource,
        maxRetryDelayMs: 5_000,
        // Streams resume by themselves after a dropped connection; say so rather than look stuck.
        onConnectionStateChange: (state) => {
          if (state === 'reconnecting') output.status(`connection to ${settings.url} lost, reconnecting…`);
        },
        ...(settings.token ? { token: settings.token } : {}),
      });
      return client;
    },
    resolvePath: (file) => path.resolve(startedIn, file),
    async close() {
      await client?.close();
      client = null;
    },
  };
}
