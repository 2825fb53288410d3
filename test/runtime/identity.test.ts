// runtime/identity.ts: a granted connect whose network user is an account the team already has stands for
// that account's reconnect (disconnected, lapsed) or refresh (connected), on the same network only.
import { describe, expect, it } from 'vitest';
import { createState, type Profile } from '../../core/index.ts';
import { asExisting } from '../../runtime/identity.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const profile = (networkUserId: string): Profile => ({
  networkUserId,
  name: 'P',
  handle: null,
  avatarUrl: null,
});
const state = createState({
  users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
  accounts: [
    { id: 'fb-1', network: 'facebook', connectedBy: 'ada', connectedAt: T0, profile: profile('u-1') },
    {
      id: 'li-1',
      network: 'linkedin',
      connectedBy: 'ada',
      connectedAt: T0,
      state: 'disconnected',
      disconnectedAt: T0 + 1,
      reason: 'revoked',
      profile: profile('u-2'),
    },
  ],
});
const connect = (network: 'facebook' | 'instagram' | 'linkedin') =>
  ({ type: 'connect', account: 'new-1', network, by: 'ada' }) as const;

describe('asExisting (issue #13 finding 1)', () => {
  it('R7: the same network user as a connected account: its refresh', () => {
    expect(asExisting(state, connect('facebook'), profile('u-1'))).toEqual({
      type: 'refresh-connection',
      account: 'fb-1',
      by: 'ada',
    });
  });

  it('R4: the same network user as a disconnected account: its reconnect, with the visibility asked for', () => {
    const event = { ...connect('linkedin'), postVisibility: 'all-sources' as const };
    expect(asExisting(state, event, profile('u-2'))).toEqual({
      type: 'reconnect',
      account: 'li-1',
      by: 'ada',
      postVisibility: 'all-sources',
    });
  });

  it('a new network user, or the same user id on another network, stays a connect', () => {
    expect(asExisting(state, connect('facebook'), profile('u-9'))).toEqual(connect('facebook'));
    expect(asExisting(state, connect('instagram'), profile('u-1'))).toEqual(connect('instagram'));
  });

  it('a reconnect is left as it is (R4 itself refuses a different user)', () => {
    const reconnect = { type: 'reconnect', account: 'li-1', by: 'ada' } as const;
    expect(asExisting(state, reconnect, profile('u-1'))).toBe(reconnect);
  });
});
