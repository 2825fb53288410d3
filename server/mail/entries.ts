// Outbox entries for what the engine and the digest job produce, each with a key that makes writing the
// same cause twice (a replayed step, two digest jobs racing) store one entry. Pure: the server calls
// these inside the transaction that commits the step, and inserts the result with ON CONFLICT (key) DO NOTHING.
import type { Notification, State } from '../../core/schemas.ts';
import {
  digestFacts,
  type NameOf,
  noticeFacts,
  reportFacts,
  type TeamRef,
} from '../../runtime/email/index.ts';
import { type Cadence, periodBefore } from '../../runtime/email/schedule.ts';
import type { NewOutboxEntry } from './outbox.ts';

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
