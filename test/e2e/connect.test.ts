// Issue #13 finding 1, end to end in every browser of the run (simulation build): the settings page's
// Connect-account dialog connects a new account per network through the consent page; a connect whose
// consent signs in as an account the team already has reconnects that account instead of adding a copy.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KvRecords } from '../../extension/lib/db.ts';
import { BROWSERS, type E2E, type Page, useExtension } from './harness.ts';

type StoredAccount = KvRecords['state']['accounts'][string];

async function stored(ext: E2E): Promise<StoredAccount[]> {
  await expect
    .poll(async () => Object.keys((await ext.kv('state'))?.accounts ?? {}).length)
    .toBeGreaterThan(0);
  return Object.values((await ext.kv('state'))!.accounts);
}

/** Opens the Connect-account dialog on the settings page. */
async function connectDialog(page: Page): Promise<Page> {
  await page.getByRole('button', { name: 'Connect account' }).click();
  await page.getByRole('dialog').waitFor();
  return page;
}

describe.each(BROWSERS)('connecting an account (simulation build in %s)', (browser) => {
  const ext = useExtension({ browser });
  // One settings page for both journeys: the consent tabs open and close beside it.
  let settings: Page;

  beforeAll(async () => {
    settings = await ext().open('options.html');
  });

  it('R1: Connect X opens the consent page; Allow adds a new X account, Connected, connected by me', async () => {
    const before = await stored(ext());
    const me = await ext().kv('me');
    const page = await connectDialog(settings);
    const consent = await ext().pageOpenedBy(() =>
      page.getByRole('dialog').getByRole('button', { name: 'Connect X' }).click(),
    );
    await expect.poll(() => consent.getByRole('heading').first().textContent()).toBe('Sign in with X');
    await consent.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(async () => (await stored(ext())).length, { timeout: 15_000 }).toBe(before.length + 1);
    const added = (await stored(ext())).find((a) => !before.some((b) => b.id === a.id))!;
    expect(added).toMatchObject({ network: 'x', status: 'connected', connectedBy: me });
  });

  it('R4: a connect whose consent signs in as a disconnected account of the team reconnects it, no copy', async () => {
    const before = await stored(ext());
    const target = before.find((a) => a.status === 'disconnected' && a.network !== 'x')!;
    expect(target).toBeDefined();
    const label = { facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', youtube: 'YouTube' }[
      target.network as 'facebook'
    ];
    const page = await connectDialog(settings);
    const consent = await ext().pageOpenedBy(() =>
      page
        .getByRole('dialog')
        .getByRole('button', { name: `Connect ${label}` })
        .click(),
    );
    await consent.getByLabel(`Sign in at ${label} as`).selectOption(target.id);
    await consent.getByRole('button', { name: 'Allow' }).click();
    await expect
      .poll(async () => (await ext().kv('state'))!.accounts[target.id]!.status, { timeout: 15_000 })
      .toBe('connected');
    expect((await stored(ext())).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });
});
