// Chromium through playwright-core (scripts/chromium.ts: the unpacked extension in a persistent context,
// design.md "Facts verified on this machine"). Playwright's own page API does the work; this file only
// fits it to the journeys' `Session` / `Tab`.
import type { Page } from 'playwright-core';
import { findBrowser, launchExtension, NO_BROWSER } from '../../../scripts/chromium.ts';
import { type Launch, pageUrl, type Tab, userAgentVersion } from './types.ts';

export function chromiumPath(): string {
  const path = findBrowser();
  if (!path) throw new Error(`The end-to-end tests need Chromium. ${NO_BROWSER}`);
  return path;
}

function tab(page: Page, colorScheme: 'light' | 'dark' | undefined): Tab {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (colorScheme) void page.emulateMedia({ colorScheme });
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async inject(source) {
      await page.evaluate(source);
    },
    async click(find, arg) {
      const element = (
        await page.evaluateHandle(find as (a: unknown) => Element | null, arg as unknown)
      ).asElement();
      if (!element) throw new Error('click: the element is gone');
      await element.click();
    },
    press: (key) => page.keyboard.press(key),
    async reload() {
      await page.reload();
    },
    async screenshot(path, { fullPage = true } = {}) {
      await page.screenshot({ path, fullPage });
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
    isClosed: () => page.isClosed(),
    errors,
  };
}

export const launchChromium: Launch = async ({ dir, locale, profile, colorScheme }) => {
  const ext = await launchExtension(dir, {
    executablePath: chromiumPath(),
    headless: true,
    userDataDir: profile,
    // --lang sets the UI language, and with it the extension's catalogue (chrome.i18n).
    args: locale ? [`--lang=${locale}`] : [],
  });
  const origin = `chrome-extension://${ext.id}/`;
  return {
    browser: 'chromium',
    version: userAgentVersion(await ext.worker.evaluate(() => navigator.userAgent), 'Chrome'),
    origin,
    async open(path) {
      const page = await ext.context.newPage();
      const opened = tab(page, colorScheme);
      await page.goto(pageUrl(origin, path));
      return opened;
    },
    async tabOpenedBy(trigger) {
      const [page] = await Promise.all([ext.context.waitForEvent('page'), trigger()]);
      const opened = tab(page, colorScheme);
      await page.waitForLoadState();
      return opened;
    },
    async restartBackground(rewrite) {
      // Chrome stops an idle extension service worker; the DevTools protocol does it at once. The next
      // event (a message, an alarm) starts it again from IndexedDB. (runtime.reload() would not do: an
      // extension loaded with --load-extension stays disabled after it.)
      const page = await ext.context.newPage();
      try {
        const cdp = await ext.context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await page.close();
      }
      await rewrite();
    },
    close: () => ext.context.close(),
  };
};
