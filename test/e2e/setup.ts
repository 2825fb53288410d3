// Global setup of the e2e run (vitest.e2e.config.ts): fail at once, with how to install it, when a browser
// is missing; build the simulation extension for every browser (in parallel) once for every test file;
// say what the run drives; start with no stale screenshots.
import { rmSync } from 'node:fs';
import { firefoxTemplate } from './driver/firefox.ts';
import { BROWSERS, buildAll, requireBrowser, SCREENSHOTS } from './harness.ts';

export default async function setup(): Promise<() => void> {
  const paths = BROWSERS.map((browser) => `${browser} (${requireBrowser(browser)})`);
  const started = performance.now();
  // Firefox's profile template (driver/firefox.ts) starts while the extension builds.
  const [template] = await Promise.all([
    BROWSERS.includes('firefox') ? firefoxTemplate() : undefined,
    buildAll(BROWSERS, 'simulation'),
  ]);
  console.info(`e2e: ${paths.join(', ')}: builds in ${Math.round(performance.now() - started)} ms`);
  // Test files run in workers started after this: they reuse the builds and the template.
  process.env.E2E_BUILT = '1';
  if (template) process.env.E2E_FIREFOX_TEMPLATE = template;
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  return () => {
    if (template) rmSync(template, { recursive: true, force: true });
  };
}
