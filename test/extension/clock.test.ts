// Clock sanity (issue #13 finding 3): a computer's clock that jumps far ahead is not believed for what
// cannot be undone (R5 lapses and purges, early publishes) until a later wake-up or a network's own time
// confirms it, and every page is told meanwhile; a clock that was fast does not hold checks back once
// corrected (R11); a clock that goes back never sends a reminder twice (R6).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY, HOUR } from '../../core/index.ts';
import { ClockGuard, CONFIRM_AFTER, JUMP_LIMIT } from '../../extension/background/clock-guard.ts';
import { productionSetup } from '../../extension/background/production.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import type { EngineStep } from '../../runtime/engine.ts';
import { acct, days, fakeNetwork, T0, TOKENS, team } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

let clock = T0;
const now = () => clock;

beforeEach(() => {
  resetBrowser();
  clock = T0;
});

/** li-1 was disconnected 50 days ago: LinkedIn's 60-day window (R4) closes 10 days from now. */
const lapsingTeam = () =>
  team(
    [
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-50), reason: 'revoked' }),
      acct('x-1', 'x'),
    ],
    { posts: [{ id: 'p1', account: 'li-1', state: 'cancelled', at: days(30), author: 'ben' }] },
  );

async function guarded(state = lapsingTeam()) {
  const store = new Store(await openHealthDb(freshDbName()));
  const net = fakeNetwork(state);
  const guard = new ClockGuard(null);
  net.setup.clockGuard = guard;
  const bg = await Background.open({ store, setup: net.setup, now });
  return { bg, store, guard, net };
}

describe('a forward jump of the clock waits for confirmation (issue #13 finding 3)', () => {
  it('R5: a 600-day jump neither lapses the account nor purges its posts at once, and every page is told', async () => {
    const { bg, store } = await guarded();
    clock = days(600);
    await bg.wake();
    const state = (await store.get('state'))!;
    expect(state.accounts.get('li-1')!.status).toBe('disconnected');
    expect(state.posts.get('li-1')!.map((p) => p.state)).toEqual(['cancelled']);
    const notice = (await store.get('view'))!.notice;
    expect(notice).toMatchObject({ everyone: true });
    expect(notice!.message).toContain('600 days ahead');
    expect(await store.get('clockJump')).toMatchObject({ seenAt: days(600), from: T0, confirmed: false });
  });

  it('R5: a wake-up an hour later that still sees the jump confirms it: the lapse happens then, the notice goes', async () => {
    const { bg, store } = await guarded();
    clock = days(600);
    await bg.wake();
    clock = days(600) + CONFIRM_AFTER;
    await bg.wake();
    const state = (await store.get('state'))!;
    expect(state.accounts.get('li-1')!.status).toBe('lapsed');
    expect(state.posts.get('li-1') ?? []).toEqual([]);
    expect((await store.get('view'))!.notice).toBeNull();
    expect(await store.get('clockJump')).toBeNull();
  });

  it('R5: the confirming wake-up may be a later service worker (the jump is stored)', async () => {
    const { bg, store } = await guarded();
    clock = days(600);
    await bg.wake();
    // The worker stops; a new one starts an hour later with the stored jump.
    clock = days(600) + CONFIRM_AFTER;
    const setup = fakeNetwork(lapsingTeam()).setup;
    setup.clockGuard = new ClockGuard(await store.get('clockJump'));
    const next = await Background.open({ store, setup, now });
    await next.wake();
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('lapsed');
  });

  it('R5: a clock corrected before confirmation leaves everything as it was, and the notice goes', async () => {
    const { bg, store } = await guarded();
    clock = days(600);
    await bg.wake();
    clock = T0 + HOUR;
    await bg.wake();
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('disconnected');
    expect((await store.get('view'))!.notice).toBeNull();
  });

  it(`R5: jumps of at most ${JUMP_LIMIT / DAY} days (a browser closed over a weekend) are believed at once`, async () => {
    const { bg, store } = await guarded();
    clock = T0 + JUMP_LIMIT;
    await bg.wake();
    expect((await store.get('view'))!.notice).toBeNull();
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('disconnected');
    for (const day of [6, 9, 11]) {
      clock = days(day);
      await bg.wake();
    }
    expect((await store.get('view'))!.notice).toBeNull();
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('lapsed');
  });

  it("R5: a network's Date header that agrees with the clock confirms the jump (production wiring)", async () => {
    const store = new Store(await openHealthDb(freshDbName()));
    await store.commit({ state: lapsingTeam(), clock: T0, me: 'ada', tokens: { 'x-1': TOKENS } });
    const networkDate = days(600);
    vi.stubGlobal('fetch', async () =>
      Response.json(
        { data: { id: '1', name: 'X one', username: 'x1' } },
        { headers: { date: new Date(networkDate).toUTCString() } },
      ),
    );
    try {
      clock = days(600);
      vi.useFakeTimers({ now: clock, toFake: ['Date'] });
      const bg = await Background.open({ store, setup: await productionSetup(store), now });
      await bg.wake();
      expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('disconnected');
      await bg.handle({ type: 'check-now', account: 'x-1' });
      await bg.wake();
      expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('lapsed');
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });

  it("R5: a network's Date far from the clock (the clock is wrong) keeps the hold", () => {
    const guard = new ClockGuard(null);
    expect(guard.now(days(600), T0)).toBe(T0);
    guard.networkTime(new Date(T0 + HOUR).toUTCString(), days(600));
    expect(guard.now(days(600) + 1000, T0)).toBe(T0);
    guard.networkTime('not a date', days(600));
    expect(guard.now(days(600) + 2000, T0)).toBe(T0);
    guard.networkTime(new Date(days(600)).toUTCString(), days(600) + 3000);
    expect(guard.now(days(600) + 4000, T0)).toBe(days(600) + 4000);
  });

  it('a post is not published early by a jump that is not confirmed', async () => {
    const state = team([acct('x-1', 'x')], {
      posts: [{ id: 'p1', account: 'x-1', state: 'scheduled', at: days(100), author: 'ben' }],
    });
    const { bg, store } = await guarded(state);
    clock = days(200);
    await bg.wake();
    expect((await store.get('state'))!.posts.get('x-1')!.map((p) => p.state)).toEqual(['scheduled']);
  });
});

describe('a clock that was wrong is not remembered (issue #13 finding 3)', () => {
  it('R11: a retry instant set while the clock was 30 days fast does not hold the account back once corrected', async () => {
    const net = fakeNetwork(team([acct('x-1', 'x')]));
    net.outcomes.set('x-1', { kind: 'rate-limited', retryAt: days(30) + HOUR });
    const store = new Store(await openHealthDb(freshDbName()));
    clock = days(30);
    const bg = await Background.open({ store, setup: net.setup, now });
    await bg.startSweep();
    net.outcomes.delete('x-1');
    net.checked.length = 0;
    clock = T0 + HOUR; // corrected
    await bg.startSweep();
    expect(net.checked).toEqual(['x-1']);
    expect(bg.state.accounts.get('x-1')!.lastCheck).toMatchObject({ outcome: 'ok' });
  });

  it('R6: a clock that goes back and forward again never sends a reminder twice', async () => {
    const steps: EngineStep[] = [];
    const store = new Store(await openHealthDb(freshDbName()));
    const setup = fakeNetwork(team([acct('fb-1', 'facebook', { connectedAt: days(-81) })])).setup;
    setup.clockGuard = new ClockGuard(null);
    const bg = await Background.open({ store, setup, now, observe: (s) => steps.push(s) });
    const reminders = () => steps.filter((s) => s.event.type === 'reminder').length;
    clock = days(2) + HOUR; // the reminder is due at day 2 (re-authorization due at day 9)
    await bg.wake();
    expect(reminders()).toBe(1);
    clock = days(1); // back, before the reminder instant
    await bg.wake();
    await bg.handle({ type: 'check-now' });
    clock = days(4); // forward again, past the reminder instant
    await bg.wake();
    expect(reminders()).toBe(1);
  });
});
