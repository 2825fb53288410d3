// The end-to-end suite: the built extension in headless Chromium (test/e2e/harness.ts). `npm test` runs it
// after the unit tests; `npx vitest run -c vitest.e2e.config.ts [file]` runs it alone.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/setup.ts'],
    // One browser at a time: two cores, and each file has its own Chromium with a fresh profile.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
