// Issue #13: R11's backoff holds back scheduled checks only, and only within a day of now. A person's
// explicit check goes ahead and says when the network had asked to wait; a retry instant further ahead
// than any hint may be (stored while the clock was wrong) no longer skips the account.
import { describe, expect, it } from 'vitest';
import { createState, MAX_RETRY_AHEAD, type Outcome } from '../../core/index.ts';
import { Engine } from '../../runtime/engine.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;

function engine(retryAt: number) {
  const checks: string[] = [];
  const state = createState({
    users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
    accounts: [{ id: 'li-1', network: 'linkedin', connectedBy: 'ada', connectedAt: T0 }],
  });
  const waiting = state.accounts.get('li-1')!;
  const lastCheck = { at: T0, outcome: 'rate-limited' as const, retryAt, failures: 1 };
  const e = new Engine({
    state: { ...state, accounts: state.accounts.set('li-1', { ...waiting, lastCheck }) },
    clock: T0,
    connections: {
      check: async (a): Promise<Outcome> => {
        checks.push(a.id);
        return { kind: 'ok' };
      },
      revoke: async () => ({ kind: 'ok' }),
      publish: async () => ({ ok: true, value: { remoteId: 'r' } }),
    },
    flow: async () => ({ ok: false, message: 'none' }),
    tokens: { set: async () => {} },
  });
  return { e, checks };
}

describe('Engine.check and the R11 backoff', () => {
  it('R11: a scheduled check skips an account the network asked to wait for', async () => {
    const { e, checks } = engine(T0 + 2 * HOUR);
    const step = await e.check('li-1', T0 + HOUR, 'schedule');
    expect(checks).toEqual([]);
    expect(step.askedToWait).toBeUndefined();
  });

  it("R11: a person's explicit check ignores the backoff and says until when the network had asked to wait", async () => {
    const { e, checks } = engine(T0 + 2 * HOUR);
    const step = await e.check('li-1', T0 + HOUR, 'user');
    expect(checks).toEqual(['li-1']);
    expect(step.askedToWait).toEqual([{ account: 'li-1', until: T0 + 2 * HOUR }]);
    expect(e.state.accounts.get('li-1')!.lastCheck).toMatchObject({ outcome: 'ok', retryAt: null });
  });

  it('R11: a retry instant further ahead than a day (a clock that was fast, an old hint) does not skip the account', async () => {
    const { e, checks } = engine(T0 + HOUR + MAX_RETRY_AHEAD + 1);
    await e.check(null, T0 + HOUR, 'schedule');
    expect(checks).toEqual(['li-1']);
  });
});
