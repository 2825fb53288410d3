// Issue #6 end to end in every browser of the run (simulation build): a refused setting shows its rule and
// message; the simulator panel injects a revocation that a check turns into `Disconnected` with the posts
// cancelled (R2/R3), and advancing the clock past LinkedIn's 60-day window turns it `Lapsed` (R4/R5);
// the settings page shows each browser's OAuth redirect URL (the languages: locale.test.ts). Screenshots of the settings page and the simulator panel land in
// artifacts/screenshots/<browser>/ (the popup's: popup.test.ts).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../extension/lib/stores.ts';
import type { AccountView } from '../../extension/lib/types.ts';
import { account, BROWSERS, type E2E, type Page, useExtension } from './harness.ts';

async function accounts(ext: E2E): Promise<AccountView[]> {
  await expect
    .poll(async () => (await ext.kv('view'))?.accounts.length ?? 0, { timeout: 20_000 })
    .toBeGreaterThan(0);
  return (await ext.kv('view'))!.accounts;
}

async function simulator(ext: E2E): Promise<Page> {
  const page = await ext.open('simulator.html');
  await page.getByRole('heading', { name: 'Simulator', level: 1 }).waitFor();
  return page;
}

describe.each(BROWSERS)('%s', (browser) => {
  const ext = useExtension({ browser });

  describe('settings page', () => {
    it('S1: auto-publishing a blog to Instagram is refused with the rule and its message', async () => {
      const ig = (await accounts(ext())).find((a) => a.network === 'instagram' && a.status === 'connected')!;
      const page = await ext().open('options.html');
      await page.getByLabel(`Blog auto-published to ${ig.name}`).selectOption('company-blog');
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
        .toBe(
          'Not saved (S1): Blog posts cannot be auto-published to Instagram, because links are not allowed in Instagram posts.',
        );
      expect((await ext().kv('state'))!.accounts[ig.id]!.autopublishBlog).toBeNull();
      await ext().screenshot(page, 'settings');
      await page.close();
    });

    it("the Network client ids tab shows each browser's OAuth redirect URL, this browser's as it answers", async () => {
      const page = await ext().open('options.html');
      await page.getByRole('tab', { name: 'Network client ids' }).click();
      const own = await page.evaluate(() => {
        type Api = { identity: { getRedirectURL(): string } };
        const g = globalThis as { browser?: Api; chrome?: Api };
        return (g.browser ?? g.chrome)!.identity.getRedirectURL();
      });
      const value = (label: string) =>
        page.getByLabel(label).evaluate((el) => (el as HTMLInputElement).value);
      // Firefox's URL is the hex SHA-1 of the add-on id (lib/stores.ts): Firefox itself says so below.
      const firefox = `https://${createHash('sha1').update(GECKO_ID).digest('hex')}.extensions.allizom.org/`;
      if (browser === 'firefox') {
        expect(own).toBe(firefox);
        expect(await value('Firefox redirect URL (this browser)')).toBe(own);
        // No Chrome Web Store id yet (lib/stores.ts CHROME_STORE_ID): the page says where it comes from.
        expect(await page.locator('.redirect .why').textContent()).toMatch(
          /^Chrome gives the extension its id when it is published/,
        );
      } else {
        expect(own).toMatch(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/);
        expect(await value('Chrome redirect URL (this browser)')).toBe(own);
        expect(await value('Firefox redirect URL')).toBe(firefox);
      }
      await ext().screenshot(page, 'settings-client-ids');
      await page.close();
    });
  });

  describe('simulator panel', () => {
    it('R2/R3: a revocation injected at the network turns the account Disconnected at the next check, its posts cancelled', async () => {
      const target = (await accounts(ext())).find((a) => a.status === 'connected' && a.posts.scheduled > 0)!;
      const panel = await simulator(ext());
      await panel.getByRole('combobox', { name: /^Account/ }).selectOption(target.id);
      await panel.getByRole('combobox', { name: /^What happens/ }).selectOption('revoke');
      await panel.getByRole('button', { name: 'Inject' }).click();
      await panel.getByRole('status').filter({ hasText: 'Injected.' }).waitFor();
      await ext().screenshot(panel, 'simulator');
      await panel.getByRole('button', { name: 'Check all accounts now' }).click();
      const popup = await ext().openPopup();
      const row = account(popup, target.name, 'disconnected');
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toMatch(/scheduled posts? cancelled/);
      expect(await row.textContent()).toContain('Access was revoked on');
      // The event log names the injected fault and the rule that judged it.
      await panel.reload();
      await panel.locator('table.log tr[data-rule="R3"]').first().waitFor();
      expect(await panel.locator('table.log tr[data-rule="R2"]').count()).toBeGreaterThan(0);
      await popup.close();
      await panel.close();
    });

    it('R5: advancing the clock past a LinkedIn reconnect window turns the account Lapsed', async () => {
      const li = (await accounts(ext())).find(
        (a) => a.network === 'linkedin' && a.status === 'disconnected',
      )!;
      const days = Math.ceil((li.reconnectDeadline! - Date.now()) / 86_400_000) + 1;
      const panel = await simulator(ext());
      await panel.getByLabel('Days').fill(String(days));
      await panel.getByRole('button', { name: 'Advance days' }).click();
      // Two simulated months run every rule step and publish each due post (each with its lease stored first).
      await expect
        .poll(async () => (await accounts(ext())).find((a) => a.id === li.id)?.status, { timeout: 20_000 })
        .toBe('lapsed');
      const popup = await ext().openPopup();
      await account(popup, li.name, 'lapsed').waitFor();
      await popup.close();
      await panel.close();
    });
  });
});
