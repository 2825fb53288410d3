// runtime/engine.ts: the loop's ordering guarantees.
import { describe, expect, it } from 'vitest';
import { createState, type State } from '../../core/index.ts';
import { Engine } from '../../runtime/engine.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function engine(calls: string[], stored: { state?: State }) {
  const state = createState({
    users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
    accounts: [{ id: 'x1', network: 'x', connectedBy: 'ada', connectedAt: T0 }],
    posts: [{ id: 'p', account: 'x1', state: 'scheduled', at: T0 + 60_000, author: 'ada' }],
  });
  return new Engine({
    state,
    clock: T0,
    connections: {
      check: async () => ({ kind: 'ok' }),
      revoke: async () => ({ kind: 'ok' }),
      publish: async () => {
        calls.push('publish');
        return { ok: true, value: { remoteId: 'r1' } };
      },
    },
    flow: async () => ({ ok: false, message: 'no consent here' }),
    tokens: { set: async () => {} },
    beforeNetwork: async (s) => {
      calls.push('write-ahead');
      stored.state = s;
    },
  });
}

describe('Engine', () => {
  it('R11: the post lease is written ahead of the publish call, so a stopped worker does not publish twice', async () => {
    const calls: string[] = [];
    const stored: { state?: State } = {};
    const e = engine(calls, stored);
    await e.advance(T0 + 60_000);
    expect(calls).toEqual(['write-ahead', 'publish']);
    // What was stored before the network call holds the post for its lease (core PUBLISH_LEASE, 10 min).
    expect(stored.state!.posts.get('x1')![0]).toMatchObject({
      state: 'scheduled',
      retryAt: T0 + 60_000 + 10 * 60_000,
    });
    expect(e.state.posts.get('x1')![0]).toMatchObject({ state: 'published', remoteId: 'r1' });
  });

  it('R4: a consent flow that fails leaves the account as it was and says why', async () => {
    const e = engine([], {});
    const down = await e.act({ type: 'disconnect', account: 'x1', by: 'ada' }, T0 + 1);
    expect(down.rejected).toBeNull();
    const step = await e.act({ type: 'reconnect', account: 'x1', by: 'ada' }, T0 + 2);
    expect(step.rejected).toMatchObject({ rule: 'R4', message: 'no consent here' });
    expect(e.state.accounts.get('x1')!.status).toBe('disconnected');
  });

  it('R3: a rule transition that changes nothing is an error naming it, not a loop for ever (as core runUntil)', async () => {
    // Two posts with one id (a state written before post ids were made unique): the second comes due, the
    // rules find the first (already published) and change nothing.
    const state = createState({
      users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
      accounts: [{ id: 'x1', network: 'x', connectedBy: 'ada', connectedAt: T0 }],
      posts: [
        { id: 'p', account: 'x1', state: 'published', at: T0 - 60_000, author: 'ada' },
        { id: 'p', account: 'x1', state: 'scheduled', at: T0 + 60_000, author: 'ada' },
      ],
    });
    const e = new Engine({
      state,
      clock: T0,
      connections: {
        check: async () => ({ kind: 'ok' }),
        revoke: async () => ({ kind: 'ok' }),
        publish: async () => ({ ok: true, value: { remoteId: 'r' } }),
      },
      flow: async () => ({ ok: false, message: 'no consent here' }),
      tokens: { set: async () => {} },
    });
    await expect(e.advance(T0 + 120_000)).rejects.toThrow(
      /^Rule transition \{"type":"post-due","account":"x1","post":"p".*\} at 2026-01-01T00:01:00.000Z made no progress$/,
    );
  });
});
