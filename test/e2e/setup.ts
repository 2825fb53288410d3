// Global setup of the e2e run (vitest.e2e.config.ts): fail at once, with how to install it, when a browser
// is missing; build the simulation extension for every browser (in parallel) once for every test file;
// say what the run drives; start with no stale screenshots.
import { rmSync } from 'node:fs';
import { BROWSERS, buildAll, requireBrowser, SCREENSHOTS } from './harness.ts';

export default async function setup(): Promise<void> {
  const paths = BROWSERS.map((browser) => `${browser} (${requireBrowser(browser)})`);
  const started = performance.now();
  await buildAll(BROWSERS, 'simulation');
  console.info(
    `e2e: ${paths.join(', ')}: simulation builds in ${Math.round(performance.now() - started)} ms`,
  );
  // Test files run in workers started after this: they reuse the builds instead of making their own.
  process.env.E2E_BUILT = '1';
  rmSync(SCREENSHOTS, { recursive: true, force: true });
}
