import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export class RedisNotInstalledError extends Error {
  constructor() {
    super(
      [
        'Nexa needs Redis, and REDIS_URL is not set and no redis-server binary was found.',
        'Either install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)',
        'or point Nexa at one: REDIS_URL=redis://host:6379',
      ].join('\n'),
    );
    this.name = 'RedisNotInstalledError';
  }
}

export interface EmbeddedRedis {
  url: string;
  port: number;
  /** Ends the process at once, as a crash would (no final AOF rewrite). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function findRedisServer(): string | null {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return found.error || found.status !== 0 ? null : 'redis-server';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server child on a free loopback port, keeping an append-only file under `dataDir`
 * so queued and running tasks survive a restart.
 */
export async function startEmbeddedRedis(dataDir: string, { port: wantedPort }: { port?: number } = {}): Promise<EmbeddedRedis> {
  const binary = findRedisServer();
  if (!binary) throw new RedisNotInstalledError();
  const dir = path.resolve(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const pidFile = path.join(dir, 'redis.pid');
  await stopOrphan(pidFile);
  const port = wantedPort ?? (await freePort());
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes', '--pidfile', pidFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const onData = () => {
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}:\n${output}`));
    });
  });
  child.stdout?.resume();
  // If this process ends without stopping Redis (an uncaught error), the child must not outlive it.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      process.off('exit', killChild);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      process.off('exit', killChild);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A redis-server left running on this data directory by a previous run that was killed. */
async function stopOrphan(pidFile: string) {
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('redis-server')) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 5000; waited += 100) {
    if (!(await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await rm(pidFile, { force: true });
}
