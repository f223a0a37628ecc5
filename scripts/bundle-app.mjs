// Bundles one app's entry point into dist/main.js, runnable with plain `node`: the workspace packages
// and most npm packages are inlined; packages that read files of their own at run time (PGlite's
// WebAssembly, bull-board's UI, argon2's native add-on, optional native add-ons) stay external and come from node_modules.
// The SQL migrations are copied to dist/migrations, where @nexa/db looks beside a bundle.
// Usage (from an app folder): node ../../scripts/bundle-app.mjs src/main.ts  (NEXA_BUNDLE_OUTDIR to write elsewhere)
import { build } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTERNAL = ['@electric-sql/pglite', '@bull-board/*', '@node-rs/argon2', 'pg-native', 'bufferutil', 'utf-8-validate', 'msgpackr-extract', 'fsevents'];

const entry = process.argv[2] ?? 'src/main.ts';
const appDir = process.cwd();
const outDir = path.resolve(process.env.NEXA_BUNDLE_OUTDIR ?? path.join(appDir, 'dist'));
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await rm(outDir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(appDir, entry) },
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: EXTERNAL,
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle still call require and read __dirname.
  banner: {
    js: [
      "import { createRequire as __nexaCreateRequire } from 'node:module';",
      "import { fileURLToPath as __nexaFileURLToPath } from 'node:url';",
      'const require = __nexaCreateRequire(import.meta.url);',
      'const __filename = __nexaFileURLToPath(import.meta.url);',
      "const __dirname = __nexaFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
});
await cp(path.join(repoRoot, 'packages/db/migrations'), path.join(outDir, 'migrations'), { recursive: true });
process.stdout.write(`bundled ${path.join(outDir, 'main.js')}\n`);
