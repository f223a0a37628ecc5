import { defineConfig } from 'tsup';

// The published form: ESM and one .d.ts. Types come from @nexa/router and @nexa/contracts (type-only
// imports, so the JavaScript needs only @trpc/client at run time).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  dts: true,
});
