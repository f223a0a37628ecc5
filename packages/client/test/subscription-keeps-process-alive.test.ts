import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/watch-over-sse.mts', import.meta.url));

/** A port nothing listens on: the server is down (restarting) for as long as the test runs. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a subscription awaited by a program with nothing else to do', () => {
  it('keeps the process alive while the SSE transport waits to reconnect, instead of letting it exit mid-task', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.relative(repoRoot, fixture), `http://127.0.0.1:${await closedPort()}`], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    const exited = once(child, 'exit').then(([code]) => code as number | null);
    const outcome = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 4000))]);
    child.kill('SIGKILL');
    await exited;
    expect(outcome).toBe('still waiting');
  });
});
