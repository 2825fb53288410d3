// An account's own deadlines, fired by time (due.ts schedules them): the R6 reminder a week before R1's
// re-authorization date, the R1 disconnect on that date, and the R5 lapse at the end of the reconnect
// window. Each checks that the deadline it was scheduled for still holds, so a stale event does nothing.
// Posts coming due and S1's auto-publishing are time-driven too; they start a publish (publishing.ts).
import { recipients } from '../access.ts';
import { reauthDueAt, reconnectDeadline } from '../lifecycle.ts';
import type { Account } from '../schemas.ts';
import { disconnectAccount } from './connection.ts';
import { type Family, log, ok, postsOf, withAccount } from './kit.ts';

export const DEADLINES: Family<'reauth-due' | 'reminder' | 'lapse'> = {
  'reauth-due'(state, e) {
    const account = state.accounts.get(e.account);
    if (account?.status !== 'connected' || reauthDueAt(account) !== e.due) return ok(state);
    // R1: at reauthDueAt the account disconnects whether or not a check ran.
    return disconnectAccount(state, account, 'reauth-required', e.due);
  },

  reminder(state, e, now) {
    const account = state.accounts.get(e.account);
    if (account?.status !== 'connected' || reauthDueAt(account) !== e.due) return ok(state);
    if (account.remindedFor === e.due) return ok(state);
    // R6: once per due date, to the connector, authors of scheduled posts and every super admin.
    const notification = {
      at: now,
      kind: 'reauth-reminder' as const,
      account: account.id,
      recipients: recipients(state, account, postsOf(state, account.id)),
    };
    return ok(withAccount(state, { ...account, remindedFor: e.due }), [
      { type: 'notify', notification },
      log('R6', account.id, 'reminder', { due: e.due }),
    ]);
  },

  lapse(state, e) {
    const account = state.accounts.get(e.account);
    if (account?.status !== 'disconnected' || reconnectDeadline(account) !== e.due) return ok(state);
    // R5: history, cancelled/scheduled posts and drafts are purged and counted as lost.
    const lost = postsOf(state, account.id).length;
    const next: Account = { ...account, status: 'lapsed', lost: account.lost + lost };
    return ok(withAccount(state, next, []), [log('R5', account.id, 'lapsed', { lost })]);
  },
};
