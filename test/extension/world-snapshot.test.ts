// Injected faults survive a service-worker restart: a world rebuilt from the same seed and account ids,
// with the snapshot restored, answers as the faulted one did.
import { describe, expect, it } from 'vitest';
import { restoreWorld, snapshotWorld } from '../../mocks/snapshot.ts';
import { createWorld, internals } from '../../mocks/world.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

function world() {
  const w = createWorld({ now: () => T0, seed: 7, logCalls: false });
  for (const [id, network] of [
    ['fb-1', 'facebook'],
    ['x-1', 'x'],
    ['li-1', 'linkedin'],
  ] as const) {
    w.addAccount({ id, network });
    w.grant(id);
  }
  return w;
}

describe('world snapshot', () => {
  it('R2/R11: faults, deletions, outages, rate limits and raw responses come back after a rebuild', () => {
    const before = world();
    before.revoke('fb-1');
    before.deleteAccount('li-1');
    before.outage('x', T0 + 3_600_000);
    before.rateLimit('linkedin', T0 + 60_000);
    before.respond('facebook', { status: 500, body: { error: 'boom' }, times: 2 });
    const snap = JSON.parse(JSON.stringify(snapshotWorld(before)));

    const after = world();
    restoreWorld(after, snap);
    const s = internals(after);
    expect(s.accounts.get('fb-1')!.grants.every((g) => g.fault === 'revoked')).toBe(true);
    expect(s.accounts.get('x-1')!.grants.every((g) => g.fault === null)).toBe(true);
    expect(s.accounts.get('li-1')!.identity.deleted).toBe(true);
    expect(s.outages.get('x')).toBe(T0 + 3_600_000);
    expect(s.rateLimits.get('linkedin')).toBe(T0 + 60_000);
    expect(s.canned.get('facebook')).toEqual([
      { status: 500, body: { error: 'boom' }, headers: {}, left: 2 },
    ]);
  });

  it('a reconnect after the fault (a clean newest grant) is not faulted again', () => {
    const before = world();
    before.security('x-1');
    before.grant('x-1');
    expect(snapshotWorld(before).accounts).toEqual([]);
  });
});
