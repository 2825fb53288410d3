// Global setup of the e2e run (vitest.e2e.config.ts): fail at once, with how to install one, when there is
// no browser; build the simulation extension once for every test file; start with no stale screenshots.
import { rmSync } from 'node:fs';
import { buildExtension, requireBrowser, SCREENSHOTS } from './harness.ts';

export default function setup(): void {
  requireBrowser();
  const started = performance.now();
  buildExtension('simulation');
  console.info(`e2e: simulation extension built in ${Math.round(performance.now() - started)} ms`);
  // Test files run in workers started after this: they reuse the build instead of making their own.
  process.env.E2E_BUILT = '1';
  rmSync(SCREENSHOTS, { recursive: true, force: true });
}
