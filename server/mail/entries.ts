// Outbox entries for what the engine and the digest job produce, each with a key that makes writing the
// same cause twice (a replayed step, two digest jobs racing) store one entry. Pure: the server calls
// these inside the transaction that commits the step, and inserts the result with ON CONFLICT (key) DO NOTHING.
import type { ActionEvent } from '../../core/events.ts';
import type { Notification, State, User } from '../../core/schemas.ts';
import {
  digestFacts,
  type NameOf,
  noticeFacts,
  reportFacts,
  type TeamRef,
  type UnsubscribeClaims,
} from '../../runtime/email/index.ts';
import { type Cadence, periodBefore } from '../../runtime/email/schedule.ts';
import type { MemberContact, NewOutboxEntry } from './outbox.ts';

/** R6: one entry per recipient of a `notify` effect (core already chose the recipients). */
export function noticeEntries(
  state: State,
  notification: Notification,
  team: TeamRef,
  nameOf?: NameOf,
): NewOutboxEntry[] {
  const all = noticeFacts(state, notification, team, nameOf) ?? [];
  return all.map(({ member, facts }) => ({
    key: `${notification.kind}:${team.id}:${notification.account}:${notification.at}:${member}`,
    team: team.id,
    member,
    kind: facts.kind,
    facts,
  }));
}

/**
 * S7: the member's digest (daily / weekly) or monthly report for the period that ended before `now` in
 * their time zone; null when S7 sends nothing (digest off, report not opted into).
 */
export function digestEntry(
  state: State,
  member: string,
  team: TeamRef,
  cadence: Cadence,
  timeZone: string | null,
  now: number,
): NewOutboxEntry | null {
  const period = periodBefore(cadence, timeZone, now);
  const facts =
    cadence === 'monthly'
      ? reportFacts(state, member, team, period)
      : digestFacts(state, member, team, period);
  if (!facts || (facts.kind === 'digest' && facts.frequency !== cadence)) return null;
  return {
    key: `${facts.kind}:${team.id}:${member}:${period.from}`,
    team: team.id,
    member,
    kind: facts.kind,
    facts,
  };
}

/** S7 as the outbox reads it when sending: a digest that is off, or a report not opted into, is not sent. */
export function subscriptions(user: User | undefined): MemberContact['subscribed'] {
  return { digest: (user?.digest.frequency ?? 'off') !== 'off', report: user?.digest.monthlyReport ?? false };
}

/**
 * A verified unsubscribe link as the core action it stands for: the digest off, or the monthly report off,
 * the other setting kept. The server applies it through the engine like any other settings change, so
 * it lands in the event log. Null when the member is no longer in the team.
 */
export function unsubscribeEvent(state: State, claims: UnsubscribeClaims): ActionEvent | null {
  const user = state.users[claims.member];
  if (!user) return null;
  const { frequency, monthlyReport } = user.digest;
  return claims.kind === 'digest'
    ? { type: 'set-digest', user: user.id, frequency: 'off', monthlyReport }
    : { type: 'set-digest', user: user.id, frequency, monthlyReport: false };
}
