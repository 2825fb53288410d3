// Issue #13: the core never throws on a time value it is given, and a retry instant it stores is never more
// than MAX_RETRY_AHEAD after now, whatever number an adapter or a stored state hands it (R11).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, MAX_RETRY_AHEAD, type Outcome, transientRetry } from '../../core/index.ts';
import { acct, at, team } from './fixtures.ts';

const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1, 99999999999999 * 1000),
);
const transient = fc.oneof(
  fc.record({ kind: fc.constantFrom('rate-limited' as const, 'unavailable' as const), retryAt: anyNumber }),
  fc.constant<Outcome>({ kind: 'network-error' }),
);

describe('time values in the core', () => {
  it('R11: a check or publish outcome with any retryAt never throws; the stored retry is at most a day ahead', () => {
    const s = team([acct('x1', 'x')], {
      posts: [{ id: 'p', account: 'x1', state: 'scheduled', at: at(1), author: 'ben' }],
    });
    fc.assert(
      fc.property(transient, fc.integer({ min: at(0), max: at(3000) }), (outcome, now) => {
        const checked = apply(s, { type: 'checked', results: [{ account: 'x1', outcome }] }, now);
        const retryAt = checked.state.accounts.get('x1')!.lastCheck!.retryAt!;
        expect(retryAt).toBeGreaterThan(now);
        expect(retryAt).toBeLessThanOrEqual(now + MAX_RETRY_AHEAD);
        const failed = outcome as Exclude<Outcome, { kind: 'ok' | 'auth-error' }>;
        const published = apply(s, { type: 'published', account: 'x1', post: 'p', outcome: failed }, now);
        expect(published.state.posts.get('x1')![0]!.retryAt).toBeLessThanOrEqual(now + MAX_RETRY_AHEAD);
      }),
      { numRuns: 300 },
    );
  });

  it('R11: transientRetry is total over its numbers (any failures count, any now)', () => {
    fc.assert(
      fc.property(transient, anyNumber, anyNumber, (outcome, failures, now) => {
        expect(() => transientRetry(outcome, failures, now)).not.toThrow();
      }),
    );
  });

  it('R11: a log line for a time no Date can hold is written, not thrown', () => {
    const s = team([acct('x1', 'x')]);
    const r = apply(
      s,
      { type: 'checked', results: [{ account: 'x1', outcome: { kind: 'network-error' } }] },
      8.64e15,
    );
    expect(r.effects.some((e) => e.type === 'log' && /not a valid time/.test(JSON.stringify(e)))).toBe(true);
  });
});
