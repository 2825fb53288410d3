// The popup of the simulation build in every browser of the run, as a person uses it: every demo account
// with its status label, the toolbar badge, refreshing a connection before its due date (R7), and a
// disconnect the current user may not make (R10), refused with the reason shown, naming people by name.
import { beforeAll, describe, expect, it } from 'vitest';
import { account, BROWSERS, type E2E, type Page, STATUS, useExtension } from './harness.ts';

const LABELS = Object.values(STATUS);
const statusPattern = new RegExp(` (${LABELS.join('|')})$`);

/** Every account row's accessible name: "NAME STATUS". */
async function rowNames(ext: () => E2E, page: Page): Promise<string[]> {
  const items = page.getByRole('listitem', { name: statusPattern });
  // Rows render in chunks after the first paint: wait until every stored account has its row.
  const total = Object.keys((await ext().kv('state'))?.accounts ?? {}).length;
  await expect.poll(() => items.count()).toBe(total);
  // The accessible name, computed the way aria-labelledby defines it.
  return items.evaluateAll((els) =>
    els.map((el) =>
      (el.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    ),
  );
}

describe.each(BROWSERS)('the popup (simulation build in %s)', (browser) => {
  const ext = useExtension({ browser });
  let popup: Page;

  beforeAll(async () => {
    popup = await ext().openPopup();
  });

  it('shows every demo account once, with its status in the fixed vocabulary', async () => {
    const state = await ext().kv('state');
    const view = await ext().kv('view');
    const names = await rowNames(ext, popup);
    const accounts = Object.values(state!.accounts);
    expect(accounts.length).toBeGreaterThanOrEqual(12);
    for (const a of accounts) {
      const shown = view!.accounts.find((v) => v.id === a.id)!;
      const name = a.profile?.name ?? a.id;
      expect(
        names.filter((n) => n === `${name} ${STATUS[shown.status]}`),
        name,
      ).toHaveLength(1);
    }
    // The demo team has an account in every status.
    expect(new Set(names.map((n) => LABELS.find((l) => n.endsWith(` ${l}`)))).size).toBe(LABELS.length);
    // The header says how many need a person.
    const attention = names.filter((n) => !n.endsWith(` ${STATUS.connected}`)).length;
    expect(await popup.getByRole('status').first().textContent()).toBe(
      `${attention} accounts need attention`,
    );
    await ext().screenshot(popup, 'popup');
  });

  it('the toolbar badge counts the accounts that need a person, and its tooltip names them', async () => {
    const names = await rowNames(ext, popup);
    const attention = names.filter((n) => !n.endsWith(` ${STATUS.connected}`));
    await expect.poll(() => ext().badge()).toBe(String(attention.length));
    const title = await ext().badgeTitle();
    const first = attention.find((n) => title.includes(n.replace(statusPattern, '')));
    expect(first, `badge title "${title}" names none of ${attention.join(', ')}`).toBeDefined();
  });

  it('R7: Refresh connection on a reauthorize-soon account goes through consent and shows Connected', async () => {
    const before = Number(await ext().badge());
    const item = popup.getByRole('listitem', { name: new RegExp(` ${STATUS['reauth-soon']}$`) }).filter({
      has: popup.getByRole('button', { name: 'Refresh connection', disabled: false }),
    });
    const row = item.first();
    const name = (await row.locator('.name').textContent()) ?? '';
    const consent = await ext().pageOpenedBy(() =>
      row.getByRole('button', { name: 'Refresh connection' }).click(),
    );
    expect(await consent.getByRole('main').textContent()).toContain(name);
    await consent.getByRole('button', { name: 'Allow' }).click();
    await account(popup, name, 'connected').waitFor({ timeout: 15_000 });
    await expect.poll(() => ext().badge()).toBe(String(before - 1));
  });

  it('R10: a user who may not disconnect an account sees why, and the background refuses it too', async () => {
    // Switch to a teammate with the All accounts permission who is not a super admin.
    const me = await ext().becomeUser({ permission: 'all-accounts', superAdmin: false });
    const state = await ext().kv('state');
    const target = Object.values(state!.accounts).find(
      (a) => a.status === 'connected' && a.connectedBy !== me && a.access !== 'private',
    )!;
    const name = target.profile?.name ?? target.id;
    const row = account(popup, name);
    const disconnect = row.getByRole('button', { name: 'Disconnect' });
    // The popup follows the switch (the background broadcasts the new view).
    await expect.poll(() => disconnect.getAttribute('aria-disabled')).toBe('true');
    const why = await disconnect.evaluate(
      (b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(why).toMatch(
      /^Only a super admin or the person who last connected it can disconnect it\. Ask .+\.$/,
    );
    expect(await row.textContent()).toContain(why);
    // It stays reachable from the keyboard; pressing it asks nothing and changes nothing.
    await disconnect.focus();
    await popup.keyboard.press('Enter');
    expect(await popup.getByRole('alertdialog').count()).toBe(0);

    // Asked anyway (a stale page, another client): the rules refuse it. The refusal is that page's: this
    // open popup did not ask and does not show it (issue #13 finding 7); a popup opened afterwards (as the
    // one that asked reopens after a consent window closed it) does.
    const reply = await ext().send({ type: 'disconnect', account: target.id });
    expect(reply).toMatchObject({ ok: false, rule: 'R10' });
    const message = reply.ok ? '' : reply.message;
    expect(message).toContain('can disconnect it');
    // The popup words it with people's display names where the core's English message has their ids.
    const users = (await ext().kv('view'))!.users;
    const params = reply.ok ? [] : Object.values(reply.params ?? {}).map(String);
    const ids = params.filter((p) => p in users);
    expect(ids.length, 'the refusal names a user').toBeGreaterThan(0);
    const shown = ids.reduce((m, id) => m.replaceAll(id, users[id]!), message);
    const reopened = await ext().openPopup();
    await expect.poll(() => reopened.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(shown);
    expect(await popup.getByRole('alert').count()).toBe(0);
    expect(await account(popup, name, 'connected').count()).toBe(1);
    await ext().screenshot(reopened, 'popup-refused-disconnect');
    await reopened.close();
  });
});
