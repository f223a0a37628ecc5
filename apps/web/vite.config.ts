import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm --filter @nexa/web dev` serves the app with hot reload and forwards the API to a running `pnpm start`.
const api = process.env.NEXA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/trpc': { target: api, ws: true },
      '/api': api,
    },
  },
});
