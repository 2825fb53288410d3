// A connect whose consent brought back an account the team already has (the same network user) is that
// account's reconnect, never a second copy of it (issue #13 finding 1): a disconnected or lapsed account is
// reconnected (R4/R5), a connected one refreshed (R7), and the rules of that action decide (R8: who may;
// S3: draft-only users may not). Only the network's own user id says two consents are the same account.
import type { ActionEvent, Profile, State } from '../core/index.ts';

type ConsentEvent = Extract<ActionEvent, { type: 'connect' | 'reconnect' | 'refresh-connection' }>;

/** The event a granted consent stands for: `event` itself, or the existing account's reconnect/refresh. */
export function asExisting(state: State, event: ConsentEvent, profile: Profile): ConsentEvent {
  if (event.type !== 'connect') return event;
  const same = state.accounts
    .list()
    .find((a) => a.network === event.network && a.profile?.networkUserId === profile.networkUserId);
  if (!same) return event;
  return {
    type: same.status === 'connected' ? 'refresh-connection' : 'reconnect',
    account: same.id,
    by: event.by,
    ...(event.postVisibility ? { postVisibility: event.postVisibility } : {}),
  };
}
