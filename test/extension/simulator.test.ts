// The simulator's background half: injected faults go to the mock world, the event log (with their rule)
// and a stored world snapshot that a restarted service worker restores; "advance" moves the stored clock
// offset and the rules due by then fire (R5); reset brings the demo team (here: the seed) back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY } from '../../core/index.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { createSimulator, SimClock } from '../../extension/simulation/simulator.ts';
import { isWorldSnapshot, restoreWorld } from '../../mocks/snapshot.ts';
import { createWorld, internals } from '../../mocks/world.ts';
import { acct, days, fakeNetwork, T0, team } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

beforeEach(() => void resetBrowser());

async function setup() {
  vi.spyOn(Date, 'now').mockReturnValue(T0);
  const state = team([
    acct('fb-1', 'facebook'),
    acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-50), reason: 'revoked' }),
  ]);
  const clock = new SimClock();
  const world = createWorld({ now: clock.now, seed: 3, logCalls: false });
  for (const a of state.accounts.list()) {
    world.addAccount({ id: a.id, network: a.network });
    world.grant(a.id);
  }
  const net = fakeNetwork(state);
  const store = new Store(await openHealthDb(freshDbName()));
  const setup = { ...net.setup, now: clock.now, simulate: createSimulator({ world, clock }) };
  const bg = await Background.open({ store, setup });
  await bg.wake();
  return { bg, store, world, clock };
}

describe('simulator', () => {
  it('R2: an injected revocation is logged with its rule and survives a service-worker restart', async () => {
    const { bg, store } = await setup();
    expect(await bg.handle({ type: 'sim-inject', fault: 'revoke', account: 'fb-1' })).toEqual({ ok: true });
    const log = await store.log();
    expect(log[0]).toMatchObject({
      rule: 'R2',
      account: 'fb-1',
      message: 'revoke',
      key: 'injected',
      params: { fault: 'revoke', network: 'facebook' },
      source: 'simulator',
    });
    const snap = await store.get('world');
    expect(isWorldSnapshot(snap)).toBe(true);
    // A new worker: the same accounts added and granted again, then the stored faults put back.
    const fresh = createWorld({ now: () => T0, seed: 3, logCalls: false });
    fresh.addAccount({ id: 'fb-1', network: 'facebook' });
    fresh.grant('fb-1');
    if (isWorldSnapshot(snap)) restoreWorld(fresh, snap);
    expect(internals(fresh).accounts.get('fb-1')!.grants[0]!.fault).toBe('revoked');
  });

  it('R11: an outage for N hours lasts N hours of the simulated clock', async () => {
    const { bg, world } = await setup();
    await bg.handle({ type: 'sim-inject', fault: 'outage', account: 'fb-1', amount: 3 });
    expect(internals(world).outages.get('facebook')).toBe(T0 + 3 * 3_600_000);
  });

  it('R5: advancing the clock past the LinkedIn window lapses the account; the offset is stored', async () => {
    const { bg, store, clock } = await setup();
    await bg.handle({ type: 'sim-advance', ms: 11 * DAY });
    expect(bg.state.accounts.get('li-1')!.status).toBe('lapsed');
    expect(await store.get('clockOffset')).toBe(11 * DAY);
    expect(clock.now()).toBe(T0 + 11 * DAY);
  });

  it('R1/R5: "next due event" moves the clock exactly to the next rule instant', async () => {
    const { bg } = await setup();
    const next = bg.nextDue()!;
    expect(await bg.handle({ type: 'sim-advance', next: true })).toEqual({ ok: true });
    expect((await bg.store.get('clock'))!).toBe(next);
  });

  it('reset brings the seed back, clears faults and the offset', async () => {
    const { bg, store, world } = await setup();
    await bg.handle({ type: 'sim-inject', fault: 'rate-limit', account: 'fb-1', amount: 5 });
    await bg.handle({ type: 'sim-advance', ms: 11 * DAY });
    await bg.handle({ type: 'sim-reset' });
    expect(bg.state.accounts.get('li-1')!.status).toBe('disconnected');
    expect(await store.get('clockOffset')).toBe(0);
    expect(internals(world).rateLimits.size).toBe(0);
  });

  it('production has no simulator: the request is refused', async () => {
    const state = team([acct('fb-1', 'facebook')]);
    const bg = await Background.open({
      store: new Store(await openHealthDb(freshDbName())),
      setup: fakeNetwork(state).setup,
      now: () => T0,
    });
    const reply = await bg.handle({ type: 'sim-reset' });
    expect(reply).toEqual({ ok: false, message: 'The simulator is only in the simulation build.' });
  });
});
