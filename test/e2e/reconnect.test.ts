// Issue #5, end to end in every browser of the run: the simulation build (MSW in the background, the demo
// team, the mock networks) loaded unpacked; a disconnected demo account is reconnected from the popup through
// the consent page, shows `Connected`, and the badge drops by one. Also: Cancel changes nothing and says why,
// and a health check keeps the demo's connected accounts connected (stored tokens and mock world agree).
import { beforeAll, describe, expect, it } from 'vitest';
import { account, BROWSERS, type Page, STATUS, useExtension } from './harness.ts';

describe.each(BROWSERS)('reconnecting from the popup (simulation build in %s)', (browser) => {
  const ext = useExtension({ browser });
  let popup: Page;

  beforeAll(async () => {
    popup = await ext().openPopup();
  });

  /** A disconnected account the current user may reconnect (R8), by its name. */
  async function reconnectable(): Promise<string> {
    const item = popup
      .getByRole('listitem', { name: new RegExp(` ${STATUS.disconnected}$`) })
      .filter({ has: popup.getByRole('button', { name: 'Reconnect', disabled: false }) })
      .first();
    return (await item.locator('.name').textContent()) ?? '';
  }

  const openConsent = (name: string) =>
    ext().pageOpenedBy(() =>
      account(popup, name, 'disconnected').getByRole('button', { name: 'Reconnect' }).click(),
    );

  it('R4/R7: reconnecting a disconnected account through the consent page shows Connected; the badge drops by one', async () => {
    const before = Number(await ext().badge());
    const name = await reconnectable();
    expect(name).not.toBe('');
    const consent = await openConsent(name);
    await expect.poll(() => consent.getByRole('heading').first().textContent()).toMatch(/^Sign in with /);
    expect(await consent.getByRole('main').textContent()).toContain(name);
    await consent.getByRole('button', { name: 'Allow' }).click();
    await account(popup, name, 'connected').waitFor({ timeout: 15_000 });
    await expect.poll(() => ext().badge()).toBe(String(before - 1));
  });

  it('Cancel on the consent page leaves the account as it was, with a clear message', async () => {
    const before = await ext().badge();
    const name = await reconnectable();
    const consent = await openConsent(name);
    await consent.getByRole('button', { name: 'Cancel' }).click();
    const notice = popup.getByRole('alert');
    await notice.waitFor({ timeout: 15_000 });
    // The network's own "access denied" answer to a Cancel is a cancel, in every shell (runtime/flow.ts).
    expect(await notice.textContent()).toBe('The consent was cancelled. Nothing was changed.');
    expect(await account(popup, name, 'disconnected').count()).toBe(1);
    expect(await ext().badge()).toBe(before);
  });

  it('R11/R12: Check now checks every connected account against the mock networks; none is disconnected', async () => {
    const connected = async () =>
      await popup
        .getByRole('listitem', { name: new RegExp(` (${STATUS.connected}|${STATUS['reauth-soon']})$`) })
        .count();
    const before = await connected();
    await popup.getByRole('button', { name: 'Check now' }).click();
    // The stored state records each check's outcome: wait until every connected account has one.
    const checks = async () =>
      Object.values((await ext().kv('state'))?.accounts ?? {})
        .filter((a) => a.status === 'connected')
        .map((a) => a.lastCheck?.outcome ?? 'none');
    await expect.poll(checks, { timeout: 20_000 }).toEqual(Array(before).fill('ok'));
    expect(await connected()).toBe(before);
  });
});
