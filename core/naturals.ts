// One account's rule instants (R1 due date, R5 lapse, R6 reminder, its scheduled posts coming due), as its
// own data implies them, and the one of them that fires first from a given instant. Shared by the scan
// (core/due.ts) and the index of due instants (core/due-index.ts).
import type { RuleEvent } from './events.ts';
import { reauthDueAt, reconnectDeadline } from './lifecycle.ts';
import { REMINDER_LEAD } from './policy.ts';
import type { Account, Post } from './schemas.ts';

/** The event types the rules schedule by time. */
export type RuleType = RuleEvent['type'];

/**
 * Among transitions due at the same instant, this order holds: a lapse or a due re-authorization first
 * (they cancel posts), then reminders, then the posts they leave standing (core/README.md, "Same-instant
 * order").
 */
export const PRIORITY: Record<RuleType, number> = {
  lapse: 0,
  'reauth-due': 1,
  reminder: 2,
  autopublish: 3,
  'post-due': 4,
};
/** How many priorities there are: the index keeps one minimum per priority. */
export const PRIORITIES = 5;

/** A rule instant of one account as its own data implies it, before `from` is taken into account. */
export interface Natural {
  type: 'reminder' | 'reauth-due' | 'post-due' | 'lapse';
  at: number;
  due: number;
  post: string;
}

export interface Naturals {
  /** In the account's own order (the file order that breaks ties). */
  list: Natural[];
  /** The same, by time then priority: firstOf reads only the first few. */
  byTime: Natural[];
}

/**
 * An account's rule instants depend only on the account and its posts, and both are immutable values: so
 * they are computed once per (account, posts) pair. A daily sweep replaces every account (its last check),
 * the dozens of scans in between reuse the list.
 */
const NATURALS = new WeakMap<Account, { posts: readonly Post[] | undefined } & Naturals>();

export function naturalsOf(account: Account, posts: readonly Post[] | undefined): Naturals {
  const hit = NATURALS.get(account);
  if (hit && hit.posts === posts) return hit;
  const made = { posts, ...computeNaturals(account, posts) };
  NATURALS.set(account, made);
  return made;
}

/**
 * The same without the cache: for the index of due instants (due-index.ts), which keeps them per chunk
 * itself. A WeakMap entry per account version costs the garbage collector (ephemerons) more than it saves
 * when nobody asks for that version again (measured: a year of 10,000 accounts, 48,000 versions).
 */
export function computeNaturals(account: Account, posts: readonly Post[] | undefined): Naturals {
  const list: Natural[] = [];
  if (account.status === 'connected') {
    const due = reauthDueAt(account);
    if (due !== null) {
      // R6: once per due date (the reminder's `due` is the reauth date it announces).
      if (account.remindedFor !== due)
        list.push({ type: 'reminder', at: due - REMINDER_LEAD, due, post: '' });
      list.push({ type: 'reauth-due', at: due, due, post: '' });
    }
    for (const post of posts ?? []) {
      if (post.state !== 'scheduled' || post.at === null) continue;
      const at = Math.max(post.at, post.retryAt ?? 0);
      list.push({ type: 'post-due', at, due: at, post: post.id });
    }
  } else if (account.status === 'disconnected') {
    const deadline = reconnectDeadline(account);
    if (deadline !== null) list.push({ type: 'lapse', at: deadline, due: deadline, post: '' });
  }
  // Stable: equal time and priority keep the account's own order.
  const byTime = list.slice().sort((a, b) => a.at - b.at || PRIORITY[a.type] - PRIORITY[b.type]);
  return { list, byTime };
}

/**
 * Whether two versions of an account imply the same rule instants, given the same posts: every field
 * naturalsOf reads (through reauthDueAt and reconnectDeadline too) is equal. A health check replaces every
 * account with a new `lastCheck`, which moves no rule instant.
 */
export function sameInstants(a: Account, b: Account): boolean {
  return (
    a.status === b.status &&
    a.network === b.network &&
    a.connectedAt === b.connectedAt &&
    a.lastActiveAt === b.lastActiveAt &&
    a.disconnectedAt === b.disconnectedAt &&
    a.remindedFor === b.remindedFor
  );
}

/** R6: a reminder only while its due date is still ahead; every other rule instant stays pending. */
export const stale = (n: Natural, from: number): boolean => n.type === 'reminder' && n.due <= from;

/**
 * The transition of one account that fires first from `from` on, as offering every candidate and keeping
 * the minimum would find it: everything already behind `from` fires at `from`, and among those the lowest
 * priority wins, then the account's own order; otherwise the earliest ahead. Reads `byTime` only as far
 * as `from`.
 */
export function firstOf(n: Naturals, from: number): Natural | null {
  let pick: Natural | null = null;
  for (const x of n.byTime) {
    if (stale(x, from)) continue;
    if (pick === null) {
      pick = x;
      if (x.at > from) break;
      continue;
    }
    if (x.at > from) break;
    const p = PRIORITY[x.type] - PRIORITY[pick.type];
    if (p < 0 || (p === 0 && n.list.indexOf(x) < n.list.indexOf(pick))) pick = x;
  }
  return pick;
}
