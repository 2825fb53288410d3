// Dates and status derived from an account and the time (R1, R4, R5, R7, R9).
import { HIDDEN_AFTER, POLICY, REMINDER_LEAD } from './policy.ts';
import type { Account, Status } from './schemas.ts';

/** R1: when the network will ask for re-authorization, or null (youtube, or not connected). */
export function reauthDueAt(account: Account): number | null {
  if (account.status !== 'connected') return null;
  const rule = POLICY[account.network].reauth;
  if (!rule) return null;
  // x counts from the last activity (a publish or a (re)authorization); the others from the last authorization.
  const from =
    rule.from === 'activity' ? Math.max(account.lastActiveAt, account.connectedAt) : account.connectedAt;
  return from + rule.after;
}

/** R6: when the reminder for the current due date goes out. */
export function reminderAt(account: Account): number | null {
  const due = reauthDueAt(account);
  return due === null ? null : due - REMINDER_LEAD;
}

/** R4: the last instant a reconnect restores the account's data. */
export function reconnectDeadline(account: Account): number | null {
  if (account.disconnectedAt === null || account.status === 'connected') return null;
  return account.disconnectedAt + POLICY[account.network].reconnectWindow;
}

/** R7: `reauth-soon` is a connected account inside its reminder window. */
export function status(account: Account, now: number): Status {
  if (account.status !== 'connected') return account.status;
  const remindAt = reminderAt(account);
  return remindAt !== null && now >= remindAt ? 'reauth-soon' : 'connected';
}

/** R9: an account disconnected for more than 90 days is left out of the settings list. */
export function visibleInSettings(account: Account, now: number): boolean {
  if (account.status === 'connected' || account.disconnectedAt === null) return true;
  return now - account.disconnectedAt <= HIDDEN_AFTER;
}

/**
 * The first instant after `now` at which `status` or `visibleInSettings` may read differently with time
 * alone (R7: the reminder window opens; R9: a long-disconnected account leaves Settings), or Infinity.
 * Until then a reader may keep what it derived from them (the server's member view, server/view-cache.ts).
 * Instants are whole milliseconds (schemas.ts Instant).
 */
export function seenChangesAt(account: Account, now: number): number {
  if (account.status === 'connected') {
    const remindAt = reminderAt(account);
    return remindAt !== null && now < remindAt ? remindAt : Number.POSITIVE_INFINITY;
  }
  if (account.disconnectedAt === null) return Number.POSITIVE_INFINITY;
  const hiddenAt = account.disconnectedAt + HIDDEN_AFTER + 1;
  return now < hiddenAt ? hiddenAt : Number.POSITIVE_INFINITY;
}

/** Accounts whose status asks a person to act (the toolbar badge counts these). */
export function needsAction(s: Status): boolean {
  return s !== 'connected';
}
