// Issue #16 end to end: the production extension joined to a real team server process (`server/main.ts
// --simulate`, embedded database, its own folder and port). In Chromium two browser profiles join as two
// members (the demo team's super admin and its own-accounts user) and each sees the team from their own
// point of view (S3, R8); A reconnects a disconnected account through the server's consent page (R4, R7)
// and B's popup shows it Connected after its next refresh, B's badge one lower; a reminder due for both
// (R6) is exactly one notification in each profile; a stopped server leaves the last view, saying how old
// it is, and a restarted one is back without joining again. Firefox: the same join journey, and a Reconnect
// through the server's consent page with Firefox's identity.launchWebAuthFlow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, BROWSERS, type E2E, launch, type Page } from './harness.ts';
import { startTeamServer, type TeamServer } from './team-server.ts';

const DAY = 86_400_000;

interface Member {
  id: string;
  permission: string;
  superAdmin: boolean;
}

let server: TeamServer;
/** The test's own super-admin token: it invites the browsers' members and moves the simulated clock. */
let operator = '';
let members: Member[] = [];

async function invite(pick: (m: Member) => boolean): Promise<string> {
  const m = members.find(pick)!;
  const r = await server.call('POST', '/api/invites', operator, {
    user: m.id,
    permission: m.permission,
    superAdmin: m.superAdmin,
  });
  expect(r.status).toBe(201);
  return r.json.code;
}

/** Opens the options page from an invite link and joins: both fields are filled in by the link. */
async function join(ext: E2E, code: string): Promise<Page> {
  const link = `options.html?server=${encodeURIComponent(server.url)}&code=${encodeURIComponent(code)}`;
  const page = await ext.open(link);
  await page.getByRole('button', { name: 'Join team' }).click();
  await page.getByRole('heading', { name: 'Demo team' }).waitFor({ timeout: 30_000 });
  return page;
}

const viewOf = async (token: string) => (await server.call('GET', '/api/view', token)).json;
const tokenOf = async (ext: E2E) => (await ext.kv('team'))!.token;

beforeAll(async () => {
  server = await startTeamServer();
  const joined = await server.call('POST', '/api/join', undefined, { code: server.firstInvite });
  operator = joined.json.token;
  members = (await server.call('GET', '/api/members', operator)).json.members;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe.runIf(BROWSERS.includes('chromium'))('team mode in Chromium: two members', () => {
  let a: E2E;
  let b: E2E;
  let popupA: Page;
  let popupB: Page;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      launch({ browser: 'chromium', mode: 'production' }),
      launch({ browser: 'chromium', mode: 'production' }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('joins from invite links: each options page says who, which team, what permission and the server state', async () => {
    const pageA = await join(a, await invite((m) => m.superAdmin));
    expect(await pageA.getByRole('region', { name: 'Demo team' }).textContent()).toContain(
      'Permission: All accounts, super admin',
    );
    expect(await pageA.getByRole('status').textContent()).toMatch(/^The server answered at /);
    // The settings below are the team's, from the server (S1-S8 through it).
    const listed = (await viewOf(await tokenOf(a))).accounts.filter(
      (x: { visibleInSettings: boolean }) => x.visibleInSettings,
    ).length;
    await expect
      .poll(() => pageA.locator('.accounts-table tbody tr').count(), { timeout: 15_000 })
      .toBe(listed);
    const pageB = await join(b, await invite((m) => m.permission === 'own-accounts'));
    expect(await pageB.getByRole('region', { name: 'Demo team' }).textContent()).toContain(
      'Permission: Own accounts',
    );
    // The member token is kept, and shown nowhere on the page.
    const token = await tokenOf(b);
    expect(token.length).toBeGreaterThan(20);
    expect(await pageB.locator('body').textContent()).not.toContain(token);
    await a.screenshot(pageA, 'team-options');
  });

  it("S3/R8: each popup shows the team's accounts from its member's point of view, and the badge its attention", async () => {
    [popupA, popupB] = await Promise.all([a.openPopup(), b.openPopup()]);
    const [viewA, viewB] = await Promise.all([viewOf(await tokenOf(a)), viewOf(await tokenOf(b))]);
    await expect
      .poll(() => popupA.getByRole('listitem').count(), { timeout: 15_000 })
      .toBe(viewA.accounts.length);
    await expect
      .poll(() => popupB.getByRole('listitem').count(), { timeout: 15_000 })
      .toBe(viewB.accounts.length);
    expect(await a.badge()).toBe(String(viewA.counts.attention));
    expect(await b.badge()).toBe(String(viewB.counts.attention));
    // A disconnected account: A (super admin) may reconnect it; B may not, and is told who can (R8).
    const target = viewB.accounts.find(
      (x: { id: string; status: string }) =>
        x.status === 'disconnected' &&
        viewA.accounts.find((y: { id: string }) => y.id === x.id)?.you.mayReconnect,
    );
    const name = target.name as string;
    const reconnectA = account(popupA, name, 'disconnected').getByRole('button', { name: 'Reconnect' });
    const reconnectB = account(popupB, name, 'disconnected').getByRole('button', { name: 'Reconnect' });
    expect(await reconnectA.getAttribute('aria-disabled')).toBeNull();
    expect(await reconnectB.getAttribute('aria-disabled')).toBe('true');
    await a.screenshot(popupA, 'team-popup-admin');
    await b.screenshot(popupB, 'team-popup-own');
  });

  it("R4/R7: A reconnects through the server's consent page; B's popup shows it Connected after its next refresh and B's badge drops by one", async () => {
    const viewB = await viewOf(await tokenOf(b));
    const viewA = await viewOf(await tokenOf(a));
    const target = viewB.accounts.find(
      (x: { id: string; status: string }) =>
        x.status === 'disconnected' &&
        viewA.accounts.find((y: { id: string }) => y.id === x.id)?.you.mayReconnect,
    );
    const name = target.name as string;
    const before = Number(await b.badge());
    await account(popupA, name, 'disconnected').getByRole('button', { name: 'Reconnect' }).click();
    await account(popupA, name, 'connected').waitFor({ timeout: 30_000 });
    // B's next refresh: its popup opening again (a wake-up), as a person reopening it.
    await popupB.reload();
    await account(popupB, name, 'connected').waitFor({ timeout: 30_000 });
    await expect.poll(() => b.badge(), { timeout: 10_000 }).toBe(String(before - 1));
  });

  it('R6: a reminder due for both members is exactly one browser notification in each profile', async () => {
    // B connects a Facebook account through the server (the consent page answered as the network would):
    // its reminder a week before R1's 90 days goes to its connector (B) and every super admin (A).
    const tokenB = await tokenOf(b);
    const consent = await server.call('POST', '/api/consent', tokenB, {
      action: 'connect',
      network: 'facebook',
      account: 'facebook-e2e',
    });
    let location: string | null = consent.json.url;
    for (let hop = 0; hop < 5 && location?.startsWith(server.url); hop++)
      location = (await server.call('GET', location.slice(server.url.length))).json.location;
    expect(location).toMatch(/result=ok/);
    const fb = (await server.call('GET', '/api/accounts/facebook-e2e', tokenB)).json;
    const reminderAt = Date.parse(fb.reauthDueAt) - 7 * DAY + 60_000;
    await server.call('POST', '/api/sim/clock', operator, { to: new Date(reminderAt).toISOString() });
    const reminders = (ext: E2E) =>
      ext.inPage(async () => {
        const g = globalThis as unknown as Record<string, { notifications: { getAll(): Promise<object> } }>;
        const ids = await (g.browser ?? g.chrome)!.notifications.getAll();
        return Object.keys(ids).filter(
          (id) => id.startsWith('team-reauth-reminder|') && id.endsWith('|facebook-e2e'),
        );
      });
    for (const ext of [a, b]) {
      await ext.send({ type: 'team-refresh' });
      await expect.poll(() => reminders(ext), { timeout: 15_000 }).toHaveLength(1);
      // Polled again (the minute alarm, a popup opening): still the one.
      await ext.send({ type: 'team-refresh' });
      expect(await reminders(ext)).toHaveLength(1);
    }
  });

  it('a stopped server leaves the last view with how old it is; restarted, it is back without joining again', async () => {
    const token = await tokenOf(a);
    // The whole list (the popup paints its first rows, then the rest).
    const rows = (await a.kv('view'))!.accounts.length;
    const listed = () => popupA.getByRole('listitem').count();
    await popupA.reload();
    await expect.poll(listed, { timeout: 15_000 }).toBe(rows);
    await server.stop();
    await a.send({ type: 'team-refresh' });
    await popupA.reload();
    const alert = popupA.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/^As of .+, the server cannot be reached\.$/);
    await expect.poll(listed, { timeout: 15_000 }).toBe(rows);
    expect(await a.badge()).toMatch(/\?$/);
    await a.screenshot(popupA, 'team-popup-stale');
    await server.start();
    await a.send({ type: 'team-refresh' });
    await popupA.reload();
    await popupA.getByRole('listitem').first().waitFor();
    expect(await popupA.getByRole('alert').count()).toBe(0);
    expect(await a.badge()).toMatch(/^\d*$/);
    expect(await tokenOf(a)).toBe(token);
  });
});

describe.runIf(BROWSERS.includes('firefox'))('team mode in Firefox: joining a team and reconnecting', () => {
  let f: E2E;

  beforeAll(async () => {
    f = await launch({ browser: 'firefox', mode: 'production' });
  }, 180_000);

  afterAll(async () => {
    await f?.close();
  });

  it('joins from an invite link and the popup shows the team', async () => {
    const page = await join(f, await invite((m) => m.permission === 'all-accounts' && !m.superAdmin));
    expect(await page.getByRole('region', { name: 'Demo team' }).textContent()).toContain(
      'Permission: All accounts',
    );
    const popup = await f.openPopup();
    const view = await viewOf(await tokenOf(f));
    await expect
      .poll(() => popup.getByRole('listitem').count(), { timeout: 15_000 })
      .toBe(view.accounts.length);
    expect(await f.badge()).toBe(String(view.counts.attention));
  });

  it("R4/R7: Reconnect goes through the server's consent page with Firefox's identity.launchWebAuthFlow", async () => {
    const view = await viewOf(await tokenOf(f));
    const target = view.accounts.find(
      (x: { status: string; you: { mayReconnect: boolean } }) =>
        x.status === 'disconnected' && x.you.mayReconnect,
    );
    expect(target).toBeDefined();
    const popup = await f.openPopup();
    await expect
      .poll(() => popup.getByRole('listitem').count(), { timeout: 15_000 })
      .toBe(view.accounts.length);
    const before = Number(await f.badge());
    await account(popup, target.name, 'disconnected').getByRole('button', { name: 'Reconnect' }).click();
    await account(popup, target.name, 'connected').waitFor({ timeout: 30_000 });
    expect((await server.call('GET', `/api/accounts/${target.id}`, await tokenOf(f))).json.status).toBe(
      'connected',
    );
    await expect.poll(() => f.badge(), { timeout: 10_000 }).toBe(String(before - 1));
  });
});
