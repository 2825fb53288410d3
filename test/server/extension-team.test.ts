// Issue #16: the extension's background in team mode (WXT's fakeBrowser, IndexedDB in memory) against a
// real team server in this process (simulation mode, embedded database, the demo team): joining, polling
// with the ETag (unchanged: 304), notifications shown once across background restarts, the stale state
// when the server cannot be reached, and a revoked membership (401).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listen } from '../../extension/background/listen.ts';
import { Store } from '../../extension/background/store.ts';
import { Switch } from '../../extension/background/switch.ts';
import type { MemberView } from '../../extension/background/team/api.ts';
import { TeamMode } from '../../extension/background/team/session.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { headerText, rowText } from '../../extension/lib/first-screen.ts';
import { countStatuses, rows } from '../../extension/lib/present.ts';
import { parseRequest } from '../../extension/lib/protocol.ts';
import { joinTeam } from '../../extension/lib/team-join.ts';
import { teamSettingsView } from '../../extension/lib/team-settings.ts';
import { staleText } from '../../extension/lib/team-text.ts';
import type { PopupView } from '../../extension/lib/types.ts';
import { teamSimulate } from '../../extension/simulation/team-sim.ts';
import type { MemberView as ServerView } from '../../server/views.ts';
import { freshDbName, MESSAGES, resetBrowser } from '../extension/support.ts';
import { REDIRECT, startTestServer, type TestServer } from './harness.ts';

/** Compile-time: the server's member view still fits what the extension reads (npm run typecheck fails). */
type Fits<T extends true> = T;
export type ServerViewFits = Fits<ServerView extends MemberView ? true : false>;

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const DAY = 86_400_000;

/** Every request the background makes, with the status it got (the ETag test counts the 304s). */
const calls: Array<{ path: string; status: number }> = [];
const realFetch = globalThis.fetch;

async function deadServer(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return `http://127.0.0.1:${port}`;
}

describe('the background in team mode, against a real team server', () => {
  let t: TestServer;
  let name: string;
  let store: Store;
  let team: TeamMode;
  let shell: Switch;
  /** The standalone background leaving a team comes back to (its own tests are background.test.ts). */
  const alone = { handle: async () => ({ ok: true }), onAlarm: async () => undefined };
  const view = async () => (await store.get('view')) as PopupView;
  const badge = () => fakeBrowser.action.getBadgeText({});

  beforeAll(async () => {
    t = await startTestServer('pglite', 'extension_team');
    resetBrowser();
    Object.assign(fakeBrowser.identity, { getRedirectURL: () => REDIRECT });
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      calls.push({ path: new URL(String(input)).pathname, status: response.status });
      return response;
    };
    name = freshDbName();
    store = new Store(await openHealthDb(name));
  });

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await t?.close();
  });

  it('joins with an invite code: the token is kept in the team record only; the popup shows the member view', async () => {
    // The background listens as in the extension: the options page's join tells it to switch.
    const standalone = async () => alone as never;
    shell = new Switch(store, null as never, standalone);
    // The browser's message passing, into the real Switch (fakeBrowser's drops the sender's id).
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      const request = parseRequest(message, { id: fakeBrowser.runtime.id }, fakeBrowser.runtime.id);
      return request ? shell.handle(request) : undefined;
    });
    const reply = await joinTeam(store.db, { server: `${t.url}/`, code: t.server.firstInvite!.code });
    expect(reply).toEqual({ ok: true });
    team = shell.mode as TeamMode;
    const membership = await store.get('team');
    expect(membership?.token).toMatch(/.{20,}/);
    const status = await store.get('teamStatus');
    expect(status).toMatchObject({ server: t.url, team: { id: 'demo' }, problem: null });
    expect(status?.me.superAdmin).toBe(true);
    // Pages read these records; none carries the credential.
    for (const key of ['teamStatus', 'view', 'glance', 'settings'] as const)
      expect(JSON.stringify((await store.get(key)) ?? null)).not.toContain(membership!.token);
    const server = (await t.call('GET', '/api/view', { token: membership!.token })).json;
    const shown = await view();
    expect(shown.mode).toBe('team');
    expect(shown.accounts.map((a) => a.id)).toEqual(server.accounts.map((a: { id: string }) => a.id));
    expect(await badge()).toBe(String(server.counts.attention));
    expect(await fakeBrowser.alarms.get('team-poll')).toMatchObject({ periodInMinutes: 1 });
  });

  it('polls with the ETag: an unchanged view is a 304 and keeps the stored view; a change comes with the next poll', async () => {
    const before = await view();
    calls.length = 0;
    await team.refresh();
    expect(calls.filter((c) => c.path === '/api/view').map((c) => c.status)).toEqual([304]);
    expect((await view()).accounts).toEqual(before.accounts);
    // A change on the server made elsewhere: R3, a connected LinkedIn account is disconnected.
    const token = (await store.get('team'))!.token;
    const target = before.accounts.find((a) => a.status === 'connected' && a.network === 'linkedin')!;
    const done = await t.call('POST', '/api/actions', {
      token,
      body: { type: 'disconnect', account: target.id },
    });
    expect(done.json.rejected).toBeNull();
    calls.length = 0;
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'team-poll', scheduledTime: Date.now() });
    await team.onAlarm('team-poll');
    expect(calls.filter((c) => c.path === '/api/view').map((c) => c.status)).toContain(200);
    expect((await view()).accounts.find((a) => a.id === target.id)?.status).toBe('disconnected');
    expect(await badge()).toBe(
      String(Number((await t.call('GET', '/api/view', { token })).json.counts.attention)),
    );
  });

  it('S1/S7: the settings page reads and writes through the server; a refused change says its rule', async () => {
    const token = (await store.get('team'))!.token;
    const settings = async () =>
      teamSettingsView(await store.get('teamSync'), (await store.get('teamStatus'))!)!;
    const server = (await t.call('GET', '/api/settings', { token })).json;
    const before = await settings();
    expect(before.mode).toBe('team');
    expect(before.me.digest).toEqual({
      frequency: server.digest.frequency,
      monthlyReport: server.digest.monthlyReport,
    });
    expect(before.blogs).toEqual(server.blogs);
    const shown = [...before.accounts, ...before.hidden].map((a) => a.id);
    expect(shown).toEqual((await view()).accounts.map((a) => a.id));
    const ig = before.accounts.find((a) => a.network === 'instagram' && a.status === 'connected')!;
    const refused = await team.handle({ type: 'set-autopublish', account: ig.id, blog: server.blogs[0] });
    expect(refused).toMatchObject({ ok: false, rule: 'S1', key: 'autopublishInstagram' });
    const next = before.me.digest.frequency === 'weekly' ? 'daily' : 'weekly';
    expect(await team.handle({ type: 'set-digest', frequency: next, monthlyReport: true })).toEqual({
      ok: true,
    });
    expect((await settings()).me.digest).toEqual({ frequency: next, monthlyReport: true });
  });

  it('R8/S3: Connect account on a team goes through the server, for a network that needs its secret', async () => {
    // launchWebAuthFlow as the browser runs it: the server's (simulated) consent page, allowed, then the
    // server's callback, which sends the window to this extension's redirect URL.
    const flow = vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async ({ url }) => {
      const page = await realFetch(url, { redirect: 'manual' });
      const done = await t.call('GET', page.headers.get('location')!.replace(t.url, ''));
      return done.headers.get('location')!;
    });
    const before = (await view()).accounts.length;
    expect(await team.handle({ type: 'connect', network: 'linkedin' })).toEqual({ ok: true });
    expect(flow).toHaveBeenCalledOnce();
    const after = (await view()).accounts;
    expect(after).toHaveLength(before + 1);
    const added = after.filter((a) => a.network === 'linkedin' && a.status === 'connected');
    expect(added.map((a) => a.id)).toContainEqual(expect.stringMatching(/^linkedin-/));
    flow.mockRestore();
  });

  it("R2/R3: the simulator panel's fault and clock go to the server's simulated world (simulation build)", async () => {
    const before = await view();
    const li = before.accounts.find((a) => a.network === 'youtube' && a.status === 'connected')!;
    const now = before.team!.asOf;
    expect(
      await teamSimulate({ type: 'sim-inject', fault: 'revoke', account: li.id }, team.api, null, now),
    ).toEqual({
      ok: true,
    });
    // The product learns of it at its next call, a person's check (Google answers a revoked grant as an
    // expired token: R2's reason is the network's own).
    expect(await team.handle({ type: 'check-now', account: li.id })).toEqual({ ok: true });
    expect((await view()).accounts.find((a) => a.id === li.id)).toMatchObject({ status: 'disconnected' });
    // The panel's "advance", as it reaches the background of the simulation build.
    vi.stubEnv('MODE', 'simulation');
    expect(await team.handle({ type: 'sim-advance', ms: 3_600_000 })).toEqual({ ok: true });
    vi.unstubAllEnvs();
    expect((await view()).team!.asOf).toBeGreaterThanOrEqual(now + 3_600_000);
    expect((await teamSimulate({ type: 'sim-reset' }, team.api, null, now)).ok).toBe(false);
  });

  it('R6: a reminder in the inbox is shown once; a restarted background never shows it again', async () => {
    const shown = await view();
    // A connected Facebook account (R1 counts from the authorization, so its due date stays put): its
    // reminder is a week before the due date; the clock moves to just after it.
    const x = shown.accounts.find((a) => a.network === 'facebook' && a.status === 'connected')!;
    const at = x.reauthDueAt! - 7 * DAY + 60_000;
    const token = (await store.get('team'))!.token;
    await t.call('POST', '/api/sim/clock', { token, body: { to: new Date(at).toISOString() } });
    await fakeBrowser.notifications.clear('none');
    await team.refresh();
    const reminders = async () =>
      Object.keys(await fakeBrowser.notifications.getAll()).filter(
        (id) => id.startsWith('team-reauth-reminder|') && id.endsWith(`|${x.id}`),
      );
    expect(await reminders()).toHaveLength(1);
    const [id] = await reminders();
    const all = await fakeBrowser.notifications.getAll();
    expect(all[id!]).toMatchObject({
      title: MESSAGES.notifyReminderTitle!.message.replace('$NAME$', x.name),
    });
    // Clicking it opens the popup on that account (listen.ts, the same for both modes).
    listen(Promise.resolve(shell));
    await fakeBrowser.notifications.onClicked.trigger(id!);
    await new Promise((r) => setTimeout(r, 50));
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain(
      `chrome-extension://test-extension-id/popup.html?account=${encodeURIComponent(x.id)}`,
    );
    // The worker stops; the browser restarts: a new background over the same database.
    for (const n of Object.keys(all)) await fakeBrowser.notifications.clear(n);
    const again = await TeamMode.open(new Store(await openHealthDb(name)));
    await again!.refresh();
    await again!.refresh();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect((await store.get('teamSync'))!.seen.length).toBeGreaterThan(0);
    team = again!;
  });

  it('server unreachable: the last view stays, as of its last answer; actions wait and say why; the badge is stale', async () => {
    const before = await view();
    const status = (await store.get('teamStatus'))!;
    const offline = new TeamMode(
      store,
      { ...(await store.get('team'))!, server: await deadServer() },
      { ...status, server: status.server },
      (await store.get('teamSync'))!,
    );
    expect(await offline.refresh()).toMatchObject({ ok: false });
    const stale = await view();
    expect(stale.accounts).toEqual(before.accounts);
    expect(stale.team).toMatchObject({ problem: 'unreachable', asOf: before.team!.asOf });
    const words = staleText(before.team!.asOf, 'en-GB', stale.at);
    expect(words).toMatch(/^As of .+, the server cannot be reached\.$/);
    expect(headerText(stale, countStatuses([]), stale.at, null, undefined, 'en-GB').notice).toBe(words);
    const row = rows(stale.accounts, stale.at).find((r) => r.status === 'disconnected')!;
    expect(rowText(row.account, row.status, stale, stale.at, 'en-GB').fix?.why).toBe(words);
    expect(await badge()).toMatch(/^\d*\?$/);
    const refused = await offline.handle({ type: 'disconnect', account: row.account.id });
    expect(refused).toEqual({ ok: false, message: MESSAGES.teamUnreachableAction!.message });
    // The server answers again: the next poll recovers, nothing to rejoin.
    expect(await team.refresh()).toEqual({ ok: true });
    expect((await view()).team?.problem).toBeNull();
    expect(await badge()).toMatch(/^\d*$/);
  });

  it('401: a revoked membership says how to rejoin, keeps the last view and refuses actions with that message', async () => {
    const before = await view();
    const membership = (await store.get('team'))!;
    const revoked = await t.call('DELETE', `/api/tokens/${membership.tokenId}`, { token: membership.token });
    expect(revoked.status).toBe(204);
    expect(await team.refresh()).toEqual({ ok: false, message: MESSAGES.teamUnauthorized!.message });
    const after = await view();
    expect(after.accounts).toEqual(before.accounts);
    expect(after.team?.problem).toBe('unauthorized');
    expect(headerText(after, countStatuses([]), after.at, null, undefined, 'en-GB').notice).toBe(
      MESSAGES.teamUnauthorized!.message,
    );
    expect(await badge()).toBe('!');
    expect(await team.handle({ type: 'check-now' })).toEqual({
      ok: false,
      message: MESSAGES.teamUnauthorized!.message,
    });
    expect((await store.get('teamStatus'))?.problem).toBe('unauthorized');
  });

  it('Leave team forgets the membership and its token; the standalone background answers again', async () => {
    expect(await shell.handle({ type: 'team-leave' })).toEqual({ ok: true });
    for (const key of ['team', 'teamStatus', 'teamSync'] as const)
      expect(await store.get(key)).toBeUndefined();
    expect(await store.get('clockOffset')).toBe(0);
    expect(shell.mode).toBe(alone);
    expect(await fakeBrowser.alarms.get('team-poll')).toBeUndefined();
  });
});
