import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainFile = path.join(cliRoot, 'src/main.ts');
const binFile = path.join(cliRoot, 'bin/nexa.js');

export interface NexaRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningNexaProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout+stderr match `pattern`, with the match. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<NexaRun>;
}

/** Starts `nexa <args>` as a real process, the way a shell would. */
export function spawnNexa(args: string[], env: Record<string, string | undefined> = {}, { viaBin = false, stdin }: { viaBin?: boolean; stdin?: string } = {}): RunningNexaProcess {
  const child = spawn(process.execPath, viaBin ? [binFile, ...args] : ['--import', 'tsx', mainFile, ...args], {
    cwd: cliRoot,
    // No config file or server settings leak in from the machine running the tests.
    env: { ...process.env, NEXA_URL: undefined, NEXA_TOKEN: undefined, NEXA_CONFIG: path.join(cliRoot, 'test/no-such-config.json'), ...env },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<NexaRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = (stdout + stderr).match(pattern);
          if (!match) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`nexa never printed ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => setTimeout(check, 0));
        check();
      });
    },
  };
}

/**
 * `nexa <args>` in a pseudo-terminal (util-linux `script`), as a person at a terminal runs it: `answer`
 * is typed once `prompt` shows. Resolves with everything the terminal showed.
 */
export async function runNexaInTerminal(args: string[], env: Record<string, string>, prompt: RegExp, answer: string): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, '--import', 'tsx', mainFile, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: cliRoot, env: { ...process.env, NEXA_URL: undefined, NEXA_TOKEN: undefined, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let answered = false;
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!answered && prompt.test(screen)) {
        answered = true;
        child.stdin!.write(`${answer}\r`);
      }
    });
  }
  return { code: await exited, screen };
}

export function runNexa(args: string[], env: Record<string, string | undefined> = {}, options: { viaBin?: boolean; stdin?: string } = {}): Promise<NexaRun> {
  return spawnNexa(args, env, options).exited;
}

export const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
