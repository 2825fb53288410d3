import { describe, expect, it } from 'vitest';
import { apply, type Outcome, transientRetry } from '../../core/index.ts';
import { acct, at, team } from './fixtures.ts';

const check = (outcome: Outcome, now: number, s = team([acct('x1', 'x')])) =>
  apply(s, { type: 'checked', results: [{ account: 'x1', outcome }] }, now);

describe('R2 disconnect reasons and R11 transient failures', () => {
  it.each(['revoked', 'token-expired', 'security', 'inactive', 'deleted'] as const)(
    'R2: an authoritative %s answer disconnects with that reason',
    (reason) => {
      const r = check({ kind: 'auth-error', reason }, at(1));
      expect(r.state.accounts.get('x1')).toMatchObject({
        status: 'disconnected',
        reason,
        disconnectedAt: at(1),
      });
      expect(r.state.accounts.get('x1')!.lastCheck).toMatchObject({ outcome: 'auth-error', at: at(1) });
    },
  );

  it.each<Outcome>([
    { kind: 'rate-limited', retryAt: null },
    { kind: 'unavailable', retryAt: null },
    { kind: 'network-error' },
  ])('R11: a $kind check leaves the status unchanged and marks the last check', (outcome) => {
    const r = check(outcome, at(1));
    expect(r.state.accounts.get('x1')!.status).toBe('connected');
    expect(r.state.accounts.get('x1')!.lastCheck).toMatchObject({ outcome: outcome.kind, at: at(1) });
  });

  it("R11: the next check honours the network's retry instant", () => {
    const r = check({ kind: 'rate-limited', retryAt: at(1) + 15 * 60_000 }, at(1));
    expect(r.state.accounts.get('x1')!.lastCheck!.retryAt).toBe(at(1) + 15 * 60_000);
  });

  it('R11: without a hint the retry backs off exponentially, capped at 6 hours', () => {
    expect([1, 2, 3, 4, 10].map((n) => transientRetry({ kind: 'network-error' }, n, 0) / 60_000)).toEqual([
      5, 10, 20, 40, 360,
    ]);
    const twice = check(
      { kind: 'unavailable', retryAt: null },
      at(2),
      check({ kind: 'unavailable', retryAt: null }, at(1)).state,
    );
    expect(twice.state.accounts.get('x1')!.lastCheck).toMatchObject({
      failures: 2,
      retryAt: at(2) + 10 * 60_000,
    });
  });

  it('R11: a transient publish failure never cancels the post; it stays scheduled with a retry time', () => {
    const s = team([acct('x1', 'x')], {
      posts: [{ id: 'p', account: 'x1', state: 'scheduled', at: at(1), author: 'ben' }],
    });
    const r = apply(
      s,
      { type: 'published', account: 'x1', post: 'p', outcome: { kind: 'unavailable', retryAt: null } },
      at(1),
    );
    expect(r.state.posts.get('x1')![0]).toMatchObject({
      state: 'scheduled',
      retryAt: at(1) + 5 * 60_000,
      attempts: 1,
    });
    expect(r.state.accounts.get('x1')!.status).toBe('connected');
    const again = apply(
      r.state,
      { type: 'published', account: 'x1', post: 'p', outcome: { kind: 'network-error' } },
      at(1) + 5 * 60_000,
    );
    expect(again.state.posts.get('x1')![0]).toMatchObject({ retryAt: at(1) + 15 * 60_000, attempts: 2 });
  });
});

describe('R12 short-lived tokens', () => {
  it('R12: a check that succeeded after a routine token refresh changes nothing but the last check', () => {
    const s = team([acct('x1', 'x')]);
    const r = check({ kind: 'ok' }, at(1), s);
    expect({ ...r.state.accounts.get('x1')!, lastCheck: null }).toEqual(s.accounts.get('x1'));
  });

  it('R12: only a refused refresh disconnects, as token-expired', () => {
    const r = check({ kind: 'auth-error', reason: 'token-expired', detail: 'refresh refused' }, at(1));
    expect(r.state.accounts.get('x1')).toMatchObject({ status: 'disconnected', reason: 'token-expired' });
  });
});
