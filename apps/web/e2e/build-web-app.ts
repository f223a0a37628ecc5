import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser tests run against the built app, served by the real server, as in production. The build
 * goes through turbo (cached: quick when nothing changed) in its own process, where NODE_ENV is
 * production rather than vitest's `test`.
 */
export default function buildWebApp() {
  const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  execFileSync(path.join(repositoryRoot, 'node_modules/.bin/turbo'), ['run', 'build', '--filter=@nexa/web', '--only', '--output-logs=errors-only'], {
    cwd: repositoryRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
