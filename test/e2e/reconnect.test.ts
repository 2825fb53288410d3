// Issue #5, end to end in headless Chromium: the simulation build (MSW in the service worker, the demo team,
// the mock networks) loaded unpacked; a disconnected demo account is reconnected from the popup through the
// consent page, shows `Connected`, and the badge drops by one. Also: Cancel changes nothing and says why, and
// a health check keeps the demo's connected accounts connected (stored tokens and mock world agree).
// Needs Chromium (`apt-get install -y chromium`, or CHROME_PATH); skipped with a note when there is none.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, type LaunchedExtension, launchExtension } from '../../scripts/chromium.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = resolve(root, '.output/chrome-mv3-simulation');
const browser = findBrowser();
if (!browser)
  console.warn('e2e skipped: no Chromium or Chrome (apt-get install -y chromium, or set CHROME_PATH)');

let ext: LaunchedExtension;
let popup: Page;

interface ChromeAction {
  chrome: { action: { getBadgeText(details: object): Promise<string> } };
}
/** Evaluated in the service worker, where `chrome` is the extension API. */
const badge = () =>
  ext.worker.evaluate(() => (globalThis as unknown as ChromeAction).chrome.action.getBadgeText({}));

/** A disconnected account the current user may reconnect (R8), by its name. */
async function reconnectable(): Promise<string> {
  const item = popup
    .getByRole('listitem', { name: / Disconnected$/ })
    .filter({ has: popup.locator('button:not([aria-disabled])', { hasText: 'Reconnect' }) })
    .first();
  return (await item.locator('.name').textContent()) ?? '';
}

async function openConsent(name: string): Promise<Page> {
  const item = popup.getByRole('listitem', { name: `${name} Disconnected` });
  const [consent] = await Promise.all([
    ext.context.waitForEvent('page'),
    item.getByRole('button', { name: 'Reconnect' }).click(),
  ]);
  await consent.waitForLoadState();
  return consent;
}

describe.skipIf(!browser)('simulation build in Chromium', () => {
  beforeAll(async () => {
    const build = spawnSync(resolve(root, 'node_modules/.bin/wxt'), ['build', '--mode', 'simulation'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    ext = await launchExtension(dir, { executablePath: browser!, headless: true });
    popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await popup.getByRole('listitem').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await ext?.context.close();
  });

  it('shows the demo team in every status', async () => {
    const statuses = new Set(await popup.locator('li .status').allTextContents());
    expect([...statuses].sort()).toEqual(['Connected', 'Disconnected', 'Lapsed', 'Reauthorize soon']);
    expect(await popup.getByRole('listitem').count()).toBeGreaterThanOrEqual(12);
  });

  it('R4/R7: reconnecting a disconnected account through the consent page shows Connected; the badge drops by one', async () => {
    const before = Number(await badge());
    const name = await reconnectable();
    const consent = await openConsent(name);
    expect(await consent.getByRole('heading').textContent()).toMatch(/^Sign in with /);
    expect(await consent.locator('main').textContent()).toContain(name);
    await consent.getByRole('button', { name: 'Allow' }).click();
    await popup.getByRole('listitem', { name: `${name} Connected` }).waitFor({ timeout: 15_000 });
    await expect.poll(badge).toBe(String(before - 1));
  });

  it('Cancel on the consent page leaves the account as it was, with a clear message', async () => {
    const before = await badge();
    const name = await reconnectable();
    const consent = await openConsent(name);
    await consent.getByRole('button', { name: 'Cancel' }).click();
    const notice = popup.getByRole('alert');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/did not grant access .*Nothing was changed\.$/);
    expect(await popup.getByRole('listitem', { name: `${name} Disconnected` }).count()).toBe(1);
    expect(await badge()).toBe(before);
  });

  it('R11/R12: Check now checks every connected account against the mock networks; none is disconnected', async () => {
    const connected = async () =>
      (await popup.locator('li .status').allTextContents()).filter(
        (s) => s === 'Connected' || s === 'Reauthorize soon',
      ).length;
    const before = await connected();
    await popup.getByRole('button', { name: 'Check now' }).click();
    // The stored state records each check's outcome: wait until every connected account has one.
    const checks = () =>
      ext.worker.evaluate(
        () =>
          new Promise<string[]>((done, fail) => {
            const open = indexedDB.open('social-health');
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('kv').objectStore('kv').get('state');
              get.onsuccess = () => {
                const accounts = Object.values(get.result.accounts) as Array<{
                  status: string;
                  lastCheck: { outcome: string } | null;
                }>;
                done(
                  accounts.filter((a) => a.status === 'connected').map((a) => a.lastCheck?.outcome ?? 'none'),
                );
              };
            };
          }),
      );
    await expect.poll(checks, { timeout: 20_000 }).toEqual(Array(before).fill('ok'));
    expect(await connected()).toBe(before);
  });
});
