// The background's service with WXT's fakeBrowser: alarms, wake-ups, badge, notifications, the connection
// log and sweeps that resume after the service worker stopped.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ADAPTERS } from '../../adapters/index.ts';
import type { Result, TokenSet } from '../../adapters/types.ts';
import { DAY, HOUR } from '../../core/index.ts';
import { flowWords } from '../../extension/background/flow-words.ts';
import { listen } from '../../extension/background/listen.ts';
import { RENEW_ALARM } from '../../extension/background/renewals.ts';
import {
  Background,
  RULES_ALARM,
  SWEEP_ALARM,
  SWEEP_BATCH,
  SWEEP_PERIOD_MINUTES,
} from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { FIRST_ROWS, rows } from '../../extension/lib/present.ts';
import { createCodeFlow } from '../../runtime/flow.ts';
import { acct, days, fakeNetwork, settle, T0, TOKENS, team } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

let clock = T0;
const now = () => clock;

async function openStore() {
  return new Store(await openHealthDb(freshDbName()));
}

beforeEach(() => {
  resetBrowser();
  clock = T0;
});

describe('alarms', () => {
  it(`R11: a named "${SWEEP_ALARM}" alarm repeats every ${SWEEP_PERIOD_MINUTES} minutes`, async () => {
    const { setup } = fakeNetwork(team([acct('fb-1', 'facebook')]));
    const bg = await Background.open({ store: await openStore(), setup, now });
    await bg.ensureAlarms();
    const alarm = await fakeBrowser.alarms.get(SWEEP_ALARM);
    expect(alarm?.periodInMinutes).toBe(SWEEP_PERIOD_MINUTES);
  });

  it('R11: the sweep alarm checks every connected account (not the disconnected ones)', async () => {
    const state = team([
      acct('fb-1', 'facebook'),
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-1), reason: 'revoked' }),
      acct('x-1', 'x'),
    ]);
    const net = fakeNetwork(state);
    const bg = await Background.open({ store: await openStore(), setup: net.setup, now });
    await bg.resumeSweep(); // what every start-up does, with no sweep stored yet
    await bg.onAlarm(SWEEP_ALARM);
    expect(net.checked.sort()).toEqual(['fb-1', 'x-1']);
    expect(bg.sweepProgress).toBeNull();
  });

  it('R1/R6: the next rule instant gets its own alarm, so a reminder never waits for a sweep', async () => {
    // Facebook: due 90 days after authorization, reminder 7 days before.
    const { setup } = fakeNetwork(team([acct('fb-1', 'facebook', { connectedAt: days(-10) })]));
    const bg = await Background.open({ store: await openStore(), setup, now });
    await bg.wake();
    expect((await fakeBrowser.alarms.get(RULES_ALARM))?.scheduledTime).toBe(days(-10 + 90 - 7));
  });
});

describe(`token renewal alarm "${RENEW_ALARM}" (R12: upkeep at its own instant)`, () => {
  // An Instagram token that expires at day 30 is renewed a week ahead, at day 23 (adapters' token policy).
  const igTokens = { ...TOKENS, refreshToken: null, expiresAt: days(30) };
  const igNetwork = (answer?: (id: string) => Result<TokenSet>) =>
    fakeNetwork(team([acct('ig-1', 'instagram')]), 'ada', { now, tokens: { 'ig-1': igTokens }, answer });
  const alarmAt = async () => (await fakeBrowser.alarms.get(RENEW_ALARM))?.scheduledTime;

  it('R12: is scheduled at the next renewal instant, fires a renewal, and is rescheduled at the next one', async () => {
    const net = igNetwork();
    const ready = Background.open({ store: await openStore(), setup: net.setup, now });
    listen(ready);
    const bg = await ready;
    await bg.wake();
    expect(await alarmAt()).toBe(days(23));
    expect(net.renewed).toEqual([]);

    clock = days(23);
    await fakeBrowser.alarms.onAlarm.trigger((await fakeBrowser.alarms.get(RENEW_ALARM))!);
    await vi.waitFor(() => expect(net.renewed).toEqual(['ig-1']));
    await vi.waitFor(async () => expect(await alarmAt()).toBe(days(23 + 60 - 7)));
    expect(net.tokens.get('ig-1')!.expiresAt).toBe(days(83));
    expect(bg.state.accounts.get('ig-1')!.status).toBe('connected');
  });

  it('R12: after the browser was closed past the renewal instant, the token is renewed at once on wake-up', async () => {
    const store = await openStore();
    const net = igNetwork();
    await (await Background.open({ store, setup: net.setup, now })).wake();
    clock = days(26); // closed from day 0 to day 26: the day-23 renewal was missed, the token lives until day 30
    await (await Background.open({ store, setup: net.setup, now })).wake();
    expect(net.renewed).toEqual(['ig-1']);
    expect(await alarmAt()).toBe(days(26 + 60 - 7));
  });

  it('R12: a token that expired while the browser was closed is not renewed; no renewal alarm is left', async () => {
    const store = await openStore();
    const net = igNetwork();
    await (await Background.open({ store, setup: net.setup, now })).wake();
    clock = days(31);
    await (await Background.open({ store, setup: net.setup, now })).wake();
    expect(net.renewed).toEqual([]);
    expect(await fakeBrowser.alarms.get(RENEW_ALARM)).toBeUndefined();
  });

  it('R12/R6: a renewal the network refuses disconnects the account and alerts', async () => {
    const net = igNetwork(() => ({ ok: false, failure: { kind: 'auth-error', reason: 'revoked' } }));
    const bg = await Background.open({ store: await openStore(), setup: net.setup, now });
    await bg.wake();
    clock = days(23);
    await bg.onAlarm(RENEW_ALARM);
    expect(bg.state.accounts.get('ig-1')).toMatchObject({ status: 'disconnected', reason: 'revoked' });
    expect(Object.values(await fakeBrowser.notifications.getAll())).toEqual([
      expect.objectContaining({ title: 'Account ig-1 was disconnected' }),
    ]);
    expect(await fakeBrowser.alarms.get(RENEW_ALARM)).toBeUndefined();
  });
});

describe('wake-ups run the rules due since the browser last ran', () => {
  it('R1: an account whose re-authorization fell due while the browser was closed is disconnected on wake', async () => {
    const store = await openStore();
    const { setup } = fakeNetwork(team([acct('fb-1', 'facebook', { connectedAt: days(-85) })]));
    await (await Background.open({ store, setup, now })).wake();
    clock = days(10); // the browser was closed for ten days; the due date (day 5) passed meanwhile
    const bg = await Background.open({ store, setup, now });
    await bg.wake();
    const account = bg.state.accounts.get('fb-1')!;
    expect(account.status).toBe('disconnected');
    expect(account.reason).toBe('reauth-required');
    // Core README: the transition records the rule's own instant, not the wake-up's.
    expect(account.disconnectedAt).toBe(days(5));
  });
});

describe('badge', () => {
  it('counts the accounts needing action, red when one is disconnected, with a title naming them', async () => {
    const state = team([
      acct('fb-1', 'facebook'),
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-1), reason: 'revoked' }),
      acct('ig-1', 'instagram', { connectedAt: days(-85) }), // reauth-soon (R7)
    ]);
    const bg = await Background.open({ store: await openStore(), setup: fakeNetwork(state).setup, now });
    await bg.wake();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc5, 0x22, 0x1f, 255]);
    expect(await fakeBrowser.action.getTitle({})).toBe(
      '2 need attention: Account li-1 (Disconnected), Account ig-1 (Reauthorize soon)',
    );
  });

  it('is amber when the worst is a due re-authorization, and empty when all is well', async () => {
    const state = team([acct('fb-1', 'facebook'), acct('ig-1', 'instagram', { connectedAt: days(-85) })]);
    const store = await openStore();
    const net = fakeNetwork(state);
    const bg = await Background.open({ store, setup: net.setup, now });
    await bg.wake();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xb0, 0x60, 0x00, 255]);

    // Refresh connection restarts the R1 clock (R7): nothing needs attention any more.
    expect(await bg.handle({ type: 'refresh-connection', account: 'ig-1' })).toEqual({ ok: true });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('All accounts are healthy');
  });
});

describe("the popup's first screen", () => {
  it('is stored with the view in the same commit: its most urgent rows and the counts of the whole list', async () => {
    const ids = Array.from({ length: FIRST_ROWS + 4 }, (_, i) => `fb-${String(i).padStart(2, '0')}`);
    const state = team([
      ...ids.map((id) => acct(id, 'facebook')),
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-1), reason: 'revoked' }),
      acct('ig-1', 'instagram', { connectedAt: days(-85) }), // reauth-soon (R7)
    ]);
    const store = await openStore();
    const bg = await Background.open({ store, setup: fakeNetwork(state).setup, now });
    await bg.wake();
    const view = (await store.get('view'))!;
    const glance = (await store.get('glance'))!;
    expect(view.partial).toBeNull();
    expect(view.accounts).toHaveLength(ids.length + 2);
    expect(glance.partial).toMatchObject({
      total: ids.length + 2,
      attention: 2,
      counts: { disconnected: 1, lapsed: 0, 'reauth-soon': 1, connected: ids.length },
    });
    // What the popup's first paint says, as plain strings (first-screen.test.tsx: equal to App's render),
    // under its urgency headings, each counting the whole list.
    const groups = glance.partial?.screen?.groups ?? [];
    expect(groups.map((g) => [g.heading, g.rows.map((r) => [r.name, r.statusLabel])])).toEqual([
      ['Needs action (1)', [['Account li-1', 'Disconnected']]],
      ['Reauthorize soon (1)', [['Account ig-1', 'Reauthorize soon']]],
      [`Fine (${ids.length})`, expect.any(Array)],
    ]);
    // The popup's own order (present.ts rows), cut after the first screen.
    const order = rows(view.accounts, view.at).map((r) => r.account.id);
    expect(glance.accounts.map((a) => a.id)).toEqual(order.slice(0, FIRST_ROWS));
    expect(order.slice(0, 2)).toEqual(['li-1', 'ig-1']);
    expect({ ...glance, accounts: [], partial: null }).toEqual({ ...view, accounts: [] });
  });
});

describe('notifications go to the current user only when they are a recipient', () => {
  // ben connected fb-1; dee has nothing to do with it and is no super admin (R6 recipients).
  const reminderTeam = () => team([acct('fb-1', 'facebook', { connectedAt: days(-80) })]);

  it('R6: the connector gets the reminder 7 days before the due date', async () => {
    const bg = await Background.open({
      store: await openStore(),
      setup: fakeNetwork(reminderTeam(), 'ben').setup,
      now,
    });
    clock = days(4); // reminder at day 3 (due day 10)
    await bg.wake();
    const shown = Object.entries(await fakeBrowser.notifications.getAll());
    expect(shown).toHaveLength(1);
    expect(shown[0]![1]).toMatchObject({
      title: 'Reauthorize Account fb-1 soon',
      message: 'Facebook asks for re-authorization by 11 March. Refresh the connection to keep publishing.',
    });
  });

  it('R6: a user who is not among the recipients gets nothing', async () => {
    const bg = await Background.open({
      store: await openStore(),
      setup: fakeNetwork(reminderTeam(), 'dee').setup,
      now,
    });
    clock = days(4);
    await bg.wake();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('R6 Decision: a revoked grant found by a check alerts the connector with the reason in words', async () => {
    const net = fakeNetwork(team([acct('li-1', 'linkedin')]), 'ben');
    net.outcomes.set('li-1', { kind: 'auth-error', reason: 'revoked' });
    const bg = await Background.open({ store: await openStore(), setup: net.setup, now });
    await bg.handle({ type: 'check-now', account: 'li-1' });
    const shown = Object.values(await fakeBrowser.notifications.getAll());
    expect(shown).toEqual([
      expect.objectContaining({
        title: 'Account li-1 was disconnected',
        message: 'Access was revoked on LinkedIn. Reconnect to restore its scheduled posts.',
      }),
    ]);
  });

  it('clicking a notification opens the popup page on its account', async () => {
    const net = fakeNetwork(team([acct('li|1', 'linkedin')]), 'ben');
    net.outcomes.set('li|1', { kind: 'auth-error', reason: 'revoked' });
    const ready = Background.open({ store: await openStore(), setup: net.setup, now });
    listen(ready);
    await (await ready).handle({ type: 'check-now', account: 'li|1' });
    const [id] = Object.keys(await fakeBrowser.notifications.getAll());
    await fakeBrowser.notifications.onClicked.trigger(id!);
    await settle();
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(
      'chrome-extension://test-extension-id/popup.html?account=li%7C1',
    );
  });
});

describe('reconnect', () => {
  it("R4: a consent from a different account at the network is refused with core's message; nothing changes", async () => {
    const state = team([
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-3), reason: 'revoked' }),
    ]);
    const store = await openStore();
    const net = fakeNetwork(state);
    net.setup.flow = async () => ({
      ok: true,
      tokens: {
        accessToken: 'other',
        refreshToken: null,
        expiresAt: null,
        refreshExpiresAt: null,
        scopes: [],
      },
      profile: { networkUserId: 'someone-else', name: 'Someone Else', handle: 'someone', avatarUrl: null },
    });
    const bg = await Background.open({ store, setup: net.setup, now });
    const reply = await bg.handle({ type: 'reconnect', account: 'li-1' });
    expect(reply).toMatchObject({ ok: false, rule: 'R4' });
    expect(reply.ok ? '' : reply.message).toContain('A different LinkedIn account (someone) gave consent');
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('disconnected');
    expect(await store.tokens().get('li-1')).toBeNull();
    expect((await store.get('view'))!.notice?.message).toContain('A different LinkedIn account');
  });

  it('R4/R7: an accepted consent stores the new tokens with the reconnected state, in one commit', async () => {
    const state = team([
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-3), reason: 'revoked' }),
    ]);
    const store = await openStore();
    const bg = await Background.open({ store, setup: fakeNetwork(state).setup, now });
    expect(await bg.handle({ type: 'reconnect', account: 'li-1' })).toEqual({ ok: true });
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('connected');
    expect((await store.tokens().get('li-1'))?.accessToken).toBe('access');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});

describe('connection log', () => {
  it('keeps the Engine log lines with their rule ids, in the same commit as the state (R3)', async () => {
    const state = team([acct('fb-1', 'facebook')], {
      posts: [{ id: 'p1', account: 'fb-1', state: 'scheduled', at: days(3), author: 'ben' }],
    });
    const store = await openStore();
    const bg = await Background.open({ store, setup: fakeNetwork(state).setup, now });
    expect(await bg.handle({ type: 'disconnect', account: 'fb-1' })).toEqual({ ok: true });
    const [line] = await store.log();
    expect(line).toMatchObject({ rule: 'R3', account: 'fb-1', source: 'user', at: T0 });
    expect(line!.message).toContain('1 scheduled post(s) cancelled');
    expect((await store.get('state'))!.accounts.get('fb-1')!.status).toBe('disconnected');
  });

  it('R3/R6: a line carries its message key and parameters; an alert gets a line with its recipients', async () => {
    const state = team([acct('li-1', 'linkedin')], {
      posts: [{ id: 'p1', account: 'li-1', state: 'scheduled', at: days(3), author: 'dee' }],
    });
    const store = await openStore();
    const net = fakeNetwork(state);
    const bg = await Background.open({ store, setup: net.setup, now });
    net.outcomes.set('li-1', { kind: 'auth-error', reason: 'revoked' });
    await bg.handle({ type: 'check-now' });
    const lines = await store.log();
    expect(lines.find((l) => l.key === 'disconnected')).toMatchObject({
      rule: 'R3',
      account: 'li-1',
      params: { reason: 'revoked', network: 'linkedin', cancelled: 1 },
    });
    expect(lines.find((l) => l.key === 'alertSent')).toMatchObject({
      rule: 'R6',
      account: 'li-1',
      recipients: ['ada', 'ben', 'dee'],
    });
  });

  it('R10: a refused disconnect changes nothing and keeps its message for the popup', async () => {
    const state = team([acct('fb-1', 'facebook')]);
    const store = await openStore();
    const bg = await Background.open({ store, setup: fakeNetwork(state, 'dee').setup, now });
    const reply = await bg.handle({ type: 'disconnect', account: 'fb-1' });
    expect(reply).toMatchObject({ ok: false, rule: 'R10' });
    expect((await store.get('state'))!.accounts.get('fb-1')!.status).toBe('connected');
    expect((await store.get('view'))!.notice?.message).toBe(reply.ok ? '' : reply.message);
  });
});

describe('sweeps survive the service worker stopping', () => {
  it(`R11: a sweep stopped after its first batch of ${SWEEP_BATCH} resumes with the remaining accounts only`, async () => {
    const ids = Array.from({ length: SWEEP_BATCH * 2 + 10 }, (_, i) => `fb-${String(i).padStart(2, '0')}`);
    const state = team(ids.map((id) => acct(id, 'facebook')));
    const store = await openStore();

    // First worker: the second batch never answers (the worker is stopped while waiting).
    const first = fakeNetwork(state);
    for (const id of ids.slice(SWEEP_BATCH)) first.hang.add(id);
    const bg1 = await Background.open({ store, setup: first.setup, now });
    void bg1.startSweep();
    await vi.waitFor(async () => expect((await store.get('sweep'))?.done).toBe(SWEEP_BATCH));
    expect((await store.get('view'))!.sweep).toEqual({ done: SWEEP_BATCH, total: ids.length });

    // A new worker loads the same store and carries on after the committed batch.
    clock = T0 + HOUR;
    const second = fakeNetwork(state);
    const bg2 = await Background.open({ store, setup: second.setup, now });
    await bg2.resumeSweep();
    expect(second.checked.sort()).toEqual(ids.slice(SWEEP_BATCH));
    expect(await store.get('sweep')).toBeNull();
    expect((await store.get('view'))!.sweep).toBeNull();
    expect(bg2.state.accounts.get(ids[0]!)!.lastCheck?.at).toBe(T0);
    expect(bg2.state.accounts.get(ids.at(-1)!)!.lastCheck?.at).toBe(T0 + HOUR);
  });

  it('R11: accounts waiting for their retry instant are skipped by the sweep', async () => {
    const net = fakeNetwork(team([acct('x-1', 'x'), acct('fb-1', 'facebook')]));
    net.outcomes.set('x-1', { kind: 'rate-limited', retryAt: T0 + DAY });
    const bg = await Background.open({ store: await openStore(), setup: net.setup, now });
    await bg.startSweep();
    clock = T0 + HOUR;
    net.checked.length = 0;
    await bg.startSweep();
    expect(net.checked).toEqual(['fb-1']);
    expect(bg.state.accounts.get('x-1')!.status).toBe('connected');
  });
});

describe('Check now is a person asking (issue #13, #14)', () => {
  it("R11: a person's Check now checks an account the network asked to wait for, and the reply says until when", async () => {
    const net = fakeNetwork(team([acct('x-1', 'x'), acct('fb-1', 'facebook')]));
    net.outcomes.set('x-1', { kind: 'rate-limited', retryAt: T0 + 2 * HOUR });
    const bg = await Background.open({ store: await openStore(), setup: net.setup, now });
    await bg.startSweep(); // the scheduled sweep meets the rate limit
    clock = T0 + HOUR;
    net.checked.length = 0;
    net.outcomes.delete('x-1');
    const reply = await bg.handle({ type: 'check-now' });
    expect(net.checked.sort()).toEqual(['fb-1', 'x-1']);
    expect(reply).toEqual({ ok: true, askedToWait: [{ account: 'x-1', until: T0 + 2 * HOUR }] });
    expect(bg.state.accounts.get('x-1')!.lastCheck).toMatchObject({ outcome: 'ok', retryAt: null });
  });

  it('R11: a sweep applies one `checked` event per batch, in account order (runtime/sweep.ts), not one per answer', async () => {
    const ids = Array.from({ length: SWEEP_BATCH + 3 }, (_, i) => `fb-${String(i).padStart(2, '0')}`);
    const steps: string[][] = [];
    const bg = await Background.open({
      store: await openStore(),
      setup: fakeNetwork(team(ids.map((id) => acct(id, 'facebook')))).setup,
      now,
      observe: (step) => {
        if (step.event.type === 'checked') steps.push(step.event.results.map((r) => r.account));
      },
    });
    await bg.handle({ type: 'check-now' });
    expect(steps).toEqual([ids.slice(0, SWEEP_BATCH), ids.slice(SWEEP_BATCH)]);
  });
});

describe('a consent nobody finishes (issue #13 finding 6)', () => {
  it('R4: the OAuth flow gives up after its timeout: the lock is released, the account unchanged, a queued check runs', async () => {
    const state = team([
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-3), reason: 'revoked' }),
      acct('fb-1', 'facebook'),
    ]);
    const net = fakeNetwork(state);
    const store = await openStore();
    net.setup.flow = createCodeFlow({
      adapters: ADAPTERS,
      context: () => ({
        fetch: globalThis.fetch,
        now,
        config: { clientId: 'client', redirectUri: 'https://test-extension-id.chromiumapp.org/' },
      }),
      // launchWebAuthFlow whose window nobody closes.
      launch: () => new Promise<string>(() => undefined),
      words: flowWords,
      timeout: 50,
    });
    const bg = await Background.open({ store, setup: net.setup, now });
    const reconnect = bg.handle({ type: 'reconnect', account: 'li-1' });
    const check = bg.handle({ type: 'check-now', account: 'fb-1' });
    expect(await reconnect).toMatchObject({
      ok: false,
      rule: 'R4',
      message: expect.stringMatching(/^Nobody finished the LinkedIn consent within \d+ minutes?,/),
    });
    expect(await check).toEqual({ ok: true });
    expect(net.checked).toEqual(['fb-1']);
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('disconnected');
    expect(await store.tokens().get('li-1')).toBeNull();
  });
});
