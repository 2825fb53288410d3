// The end-to-end suite: the built extension in headless Chromium and Firefox ESR (test/e2e/harness.ts).
// `npm test` runs it after the unit tests; `npx vitest run -c vitest.e2e.config.ts [file]` runs it alone,
// and E2E_BROWSERS=firefox (or chromium) narrows it to one browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/setup.ts'],
    // Two files at a time: each launches its own browser with a fresh profile, so files never share
    // state, and a browser spends most of a journey waiting (on the background, a timer, IndexedDB).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
