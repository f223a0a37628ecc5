import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web-e2e',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/build-web-app.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
