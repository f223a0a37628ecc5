import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnApp } from '../src/index';

describe('starting the embedded default', () => {
  it('without a redis-server binary and without REDIS_URL stops and says how to install Redis', async () => {
    const emptyPath = await mkdtemp(path.join(tmpdir(), 'nexa-no-binaries-'));
    const nexa = spawnApp('standalone', { PATH: emptyPath, REDIS_URL: '', DATABASE_URL: '', PORT: '0', NEXA_DATA_DIR: path.join(emptyPath, 'data') });
    const code = await new Promise<number | null>((resolve) => nexa.child.once('exit', resolve));
    await rm(emptyPath, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(nexa.output()).toContain('apt-get install redis-server');
    expect(nexa.output()).toContain('REDIS_URL');
  });

  it('with a bad setting stops with a message naming the variable', async () => {
    const nexa = spawnApp('standalone', { PORT: 'eighty', JOB_ATTEMPTS: '0' });
    const code = await new Promise<number | null>((resolve) => nexa.child.once('exit', resolve));
    expect(code).toBe(78);
    expect(nexa.output()).toMatch(/PORT/);
    expect(nexa.output()).toMatch(/JOB_ATTEMPTS/);
  });
});
