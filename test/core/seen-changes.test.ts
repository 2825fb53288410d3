// core's seenChangesAt: until the instant it names, status (R7) and visibleInSettings (R9) read as they do
// at `now`; at that instant one of them reads differently. The server keeps a member's view until then
// (server/view-cache.ts), so an early answer would serve a stale view and a late one would rebuild for nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  DAY,
  HIDDEN_AFTER,
  NETWORKS,
  reminderAt,
  seenChangesAt,
  status,
  visibleInSettings,
} from '../../core/index.ts';
import { accountRecord, at, T0 } from './fixtures.ts';

const seen = (a: Account, t: number) => `${status(a, t)}/${visibleInSettings(a, t)}`;

const account = accountRecord;

describe('seenChangesAt', () => {
  it('R7: a connected Facebook account reads the same until its reminder instant (day 83), then reauth-soon', () => {
    const a = account({});
    const remind = reminderAt(a)!;
    expect(remind).toBe(at(83));
    expect(seenChangesAt(a, at(10))).toBe(remind);
    expect(status(a, remind - 1)).toBe('connected');
    expect(status(a, remind)).toBe('reauth-soon');
    expect(seenChangesAt(a, remind)).toBe(Number.POSITIVE_INFINITY);
  });

  it('R9: a disconnected account is listed in Settings through day 90 of being disconnected, not one millisecond later', () => {
    const a = account({ status: 'disconnected', reason: 'revoked', disconnectedAt: T0 });
    const gone = seenChangesAt(a, T0);
    expect(gone).toBe(T0 + HIDDEN_AFTER + 1);
    expect(HIDDEN_AFTER).toBe(90 * DAY);
    expect(visibleInSettings(a, gone - 1)).toBe(true);
    expect(visibleInSettings(a, gone)).toBe(false);
    expect(seenChangesAt(a, gone)).toBe(Number.POSITIVE_INFINITY);
  });

  it('R1/R7/R9: for random accounts and instants, nothing changes before the instant named and something changes at it', () => {
    const day = fc.integer({ min: -400, max: 400 }).map((d) => T0 + d * DAY);
    fc.assert(
      fc.property(
        fc.record({
          network: fc.constantFrom(...NETWORKS),
          status: fc.constantFrom('connected', 'disconnected', 'lapsed'),
          connectedAt: day,
          activeLater: fc.nat({ max: 100 }),
          disconnectedAt: fc.option(day, { nil: null }),
          now: day,
          offset: fc.nat({ max: 3 * DAY }),
          probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        }),
        (r) => {
          const connected = r.status === 'connected';
          const a = account({
            network: r.network,
            status: r.status as Account['status'],
            connectedAt: r.connectedAt,
            lastActiveAt: r.connectedAt + r.activeLater * DAY,
            reason: connected ? null : 'revoked',
            disconnectedAt: connected ? null : r.disconnectedAt,
          });
          const now = r.now + r.offset;
          const until = seenChangesAt(a, now);
          expect(until).toBeGreaterThan(now);
          const before = seen(a, now);
          const end = Number.isFinite(until) ? until - 1 : now + 2000 * DAY;
          for (const t of [end, ...r.probes.map((p) => Math.floor(now + p * (end - now)))])
            expect(seen(a, t)).toBe(before);
          if (Number.isFinite(until)) expect(seen(a, until)).not.toBe(before);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
