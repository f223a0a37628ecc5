import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

it('builds to ESM with type declarations, as the published package serves them', async () => {
  // Inside the package, so the built file resolves its dependencies the way a consumer's would.
  const outDir = await mkdtemp(path.join(packageRoot, '.build-check-'));
  try {
    await promisify(execFile)(process.execPath, [path.join(packageRoot, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', outDir], { cwd: packageRoot });
    const declarations = await readFile(path.join(outDir, 'index.d.ts'), 'utf8');
    expect(declarations).toMatch(/declare function createNexaClient\(options: NexaClientOptions\): NexaClient/);
    // Plain Node, not the test runner's resolver: the bundle must load with only its declared dependencies.
    const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(outDir, 'index.js')).href)});
      console.log(JSON.stringify([typeof m.createNexaClient, m.eventsOfMessage({ type: 'queued' }).length]));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: packageRoot });
    expect(JSON.parse(stdout)).toEqual(['function', 1]);

    const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { publishConfig: { exports: Record<string, Record<string, string>> } };
    expect(manifest.publishConfig.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
