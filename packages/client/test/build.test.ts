import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

it('builds to ESM with type declarations, as the published package serves them', async () => {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'nexa-client-dist-'));
  try {
    await promisify(execFile)(process.execPath, [path.join(packageRoot, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', outDir], { cwd: packageRoot });
    const declarations = await readFile(path.join(outDir, 'index.d.ts'), 'utf8');
    expect(declarations).toMatch(/declare function createNexaClient\(options: NexaClientOptions\): NexaClient/);
    const built = (await import(pathToFileURL(path.join(outDir, 'index.js')).href)) as typeof import('../src/index');
    expect(typeof built.createNexaClient).toBe('function');
    expect(built.jitteredBackoff(0, 100)).toBeLessThan(250);

    const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { publishConfig: { exports: Record<string, Record<string, string>> } };
    expect(manifest.publishConfig.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
