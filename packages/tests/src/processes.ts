import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@nexa/testing';

const appDir = (app: string) => fileURLToPath(new URL(`../../../apps/${app}/`, import.meta.url));

export interface NexaProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/** Starts one of the apps (`server`, `worker`, `standalone`) as a real process with the given environment. */
export function spawnApp(app: 'server' | 'worker' | 'standalone', env: Record<string, string>): NexaProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir(app),
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitForOutput: (pattern, timeoutMs = 30_000) => waitFor(() => pattern.exec(output) ?? undefined, timeoutMs, `${pattern} in the ${app}'s output:\n${output}`),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
