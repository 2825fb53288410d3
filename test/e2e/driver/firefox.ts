// Firefox through puppeteer-core over WebDriver BiDi (design.md "Facts verified on this machine": Debian's
// firefox-esr, headless, no patched build, no geckodriver). The extension is installed as a temporary
// add-on (unsigned is fine) under a fixed internal UUID, so its pages live at a known moz-extension:// origin.
// Quirk worked around here: `page.goto('moz-extension://...')` loads the page yet never resolves (it times
// out or rejects with "Frame detached"), and `page.url()` stays about:blank; so navigation is started
// without waiting and the page's own `location` and `readyState` say when it has loaded.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page, type Target } from 'puppeteer-core';
import { type Launch, pageUrl, type Tab, userAgentVersion, VIEWPORT } from './types.ts';

const CANDIDATES = [
  process.env.FIREFOX_PATH,
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

export const NO_FIREFOX =
  'No Firefox found (looked at FIREFOX_PATH, /usr/bin/firefox-esr and the usual places). Install one: ' +
  '`apt-get update && apt-get install -y firefox-esr firefox-esr-l10n-nb-no firefox-esr-l10n-nl` (Debian), ' +
  'or set FIREFOX_PATH=/path/to/firefox.';

export function firefoxPath(): string {
  const path = CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
  if (!path) throw new Error(`The end-to-end tests need Firefox. ${NO_FIREFOX}`);
  return path;
}

const launchOptions = (userDataDir: string, prefs: Record<string, unknown> = {}) => ({
  browser: 'firefox' as const,
  executablePath: firefoxPath(),
  headless: true,
  userDataDir,
  defaultViewport: VIEWPORT,
  args: ['--remote-allow-system-access'],
  extraPrefsFirefox: prefs,
});

/**
 * A profile Firefox has already started in once (its first-run work done: databases, caches, the language
 * packs installed), copied for each session: a session starts in about half the time of a new profile
 * (measured here: 2.1 s instead of 4.2-5.1 s). The e2e global setup makes one for the whole run and passes
 * it on in E2E_FIREFOX_TEMPLATE; a file run on its own makes its own. It never sees the extension.
 */
export async function firefoxTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-firefox-template-'));
  await (await puppeteer.launch(launchOptions(dir))).close();
  return dir;
}
let ownTemplate: Promise<string> | undefined;

/** The internal UUID Firefox gives the extension (its pages' origin); any fixed UUID will do. */
const UUID = '5e0c1a7d-2f4b-4c8e-9a31-6d7b0e2f4c58';
const LOAD_TIMEOUT_MS = 15_000;

async function until<T>(what: string, probe: () => Promise<T | false>, ms = LOAD_TIMEOUT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    // A probe during a navigation may hit the old document's realm going away: that is "not yet".
    const value = await probe().catch(() => false as const);
    if (value !== false) return value;
    if (Date.now() > end) throw new Error(`Firefox: timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once the page shows `url` (or, without one, any extension page) fully loaded. */
const loaded = (page: Page, origin: string, url?: string) =>
  until(`${url ?? 'an extension page'} to load`, async () => {
    const [href, state] = await page.evaluate(() => [location.href, document.readyState] as const);
    return (url ? href === url : href.startsWith(origin)) && state === 'complete';
  });

function tab(page: Page): Tab {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async inject(source) {
      await page.evaluate(source);
    },
    async click(find, arg) {
      const handle = await page.evaluateHandle(find as (a: unknown) => Element | null, arg as unknown);
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (!element) throw new Error('click: the element is gone');
      await element.click();
    },
    async press(key) {
      // Keys go to the tab a person types in: the front one. A tab the harness opened later (its control
      // page) leaves this one behind, where Firefox still dispatches the key events but a button's Enter
      // or Space no longer clicks it.
      await page.bringToFront();
      await page.keyboard.press(key as never);
    },
    async reload() {
      // page.reload() waits for a navigation event it never sees (the quirk above): mark this document,
      // reload from inside, and wait for a loaded document without the mark.
      await page.evaluate(() => {
        (globalThis as { reloading?: boolean }).reloading = true;
        location.reload();
      });
      await until('the reload', async () =>
        page.evaluate(
          () => !(globalThis as { reloading?: boolean }).reloading && document.readyState === 'complete',
        ),
      );
    },
    async screenshot(path, { fullPage = true } = {}) {
      await page.screenshot({ path: path as `${string}.png`, fullPage });
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    close: () => page.close(),
    isClosed: () => page.isClosed(),
    errors,
  };
}

export const launchFirefox: Launch = async ({ dir, locale, profile, colorScheme }) => {
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id)
    throw new Error(`${dir}/manifest.json has no gecko id: is it a Firefox build (wxt build -b firefox)?`);
  if (!process.env.E2E_FIREFOX_TEMPLATE)
    ownTemplate ??= firefoxTemplate().then((made) => {
      process.once('exit', () => rmSync(made, { recursive: true, force: true }));
      return made;
    });
  const template = process.env.E2E_FIREFOX_TEMPLATE ?? (await ownTemplate)!;
  const userDataDir = profile ?? mkdtempSync(join(tmpdir(), 'e2e-firefox-'));
  if (!profile) cpSync(template, userDataDir, { recursive: true });
  const dispose = () => {
    if (!profile) rmSync(userDataDir, { recursive: true, force: true });
  };
  const prefs = {
    'extensions.webextensions.uuids': JSON.stringify({ [id]: UUID }),
    // The UI language (with its language pack installed) picks the extension's catalogue.
    ...(locale ? { 'intl.locale.requested': locale } : {}),
    // prefers-color-scheme for web and extension pages: 0 dark, 1 light (a11y.test.ts checks matchMedia).
    ...(colorScheme
      ? { 'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1 }
      : {}),
  };
  let browser: Browser;
  try {
    browser = await puppeteer.launch(launchOptions(userDataDir, prefs));
  } catch (error) {
    dispose();
    throw error;
  }
  try {
    await browser.installExtension(resolve(dir));
  } catch (error) {
    await browser.close();
    dispose();
    throw error;
  }
  const origin = `moz-extension://${UUID}/`;
  return {
    browser: 'firefox',
    version: userAgentVersion(await browser.userAgent(), 'Firefox'),
    origin,
    async open(path) {
      const page = await browser.newPage();
      const opened = tab(page);
      const url = pageUrl(origin, path);
      page.goto(url, { timeout: 0 }).catch(() => {});
      await loaded(page, origin, url);
      return opened;
    },
    async tabOpenedBy(trigger) {
      const before = new Set(browser.targets());
      const created = browser.waitForTarget((t: Target) => t.type() === 'page' && !before.has(t), {
        timeout: LOAD_TIMEOUT_MS,
      });
      await trigger();
      const page = (await (await created).page())!;
      const opened = tab(page);
      await loaded(page, origin);
      return opened;
    },
    async restartBackground(rewrite, reload) {
      // A temporary add-on reloads in place (same internal UUID, same IndexedDB); its pages close. Its
      // background cannot be stopped alone, so the store is rewritten right before the reload.
      await rewrite();
      await reload();
    },
    async close() {
      await browser.close();
      dispose();
    },
  };
};
