import { defineConfig } from 'tsup';

// The published form: ESM and one .d.ts. The little of @nexa/contracts the client runs
// (`eventsOfMessage`) is bundled in, so the JavaScript needs only @trpc/client and zod at run time;
// the declarations import types from @nexa/router and @nexa/contracts.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: ['@nexa/contracts'],
  dts: true,
});
