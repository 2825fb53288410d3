// Launches Chromium with an unpacked MV3 extension through playwright-core (design.md "Facts verified on
// this machine"), for `npm start` and the e2e tests. The extension id comes from its service worker's URL.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

/** Where Chromium or Chrome usually lives; CHROME_PATH wins. */
const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findBrowser(): string | null {
  return CANDIDATES.find((path): path is string => Boolean(path && existsSync(path))) ?? null;
}

/** What to tell a person (or CI) when `findBrowser` finds nothing. */
export const NO_BROWSER =
  'No Chromium or Chrome found (looked at CHROME_PATH, /usr/bin/chromium and the usual places). ' +
  'Install one: `apt-get update && apt-get install -y chromium` (Debian/Ubuntu), ' +
  'or set CHROME_PATH=/path/to/chrome.';

/** Linux needs an X or Wayland display for a visible window; macOS and Windows always have one. */
export function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export interface LaunchedExtension {
  context: BrowserContext;
  worker: Worker;
  id: string;
  url: (page: string) => string;
}

export interface LaunchOptions {
  executablePath: string;
  headless: boolean;
  /** A profile to reuse (IndexedDB survives a relaunch); default: a fresh temporary one. */
  userDataDir?: string;
  /** Extra Chromium switches, e.g. `--enable-precise-memory-info` for the benchmarks. */
  args?: string[];
}

export async function launchExtension(dir: string, opts: LaunchOptions) {
  const profile = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'social-health-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: opts.executablePath,
    headless: opts.headless,
    viewport: { width: 480, height: 720 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(opts.args ?? []),
    ],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const id = new URL(worker.url()).host;
  const launched: LaunchedExtension = {
    context,
    worker,
    id,
    url: (page) => `chrome-extension://${id}/${page}`,
  };
  return launched;
}
