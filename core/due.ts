// The time-driven side of the rules: which transition is due next (R1 due dates, R5 lapses, R6 reminders,
// scheduled posts coming due, S1 auto-publishing 15 minutes after a blog post), and a loop that runs them.
import { type ApplyResult, apply } from './apply.ts';
import type { Effect, RuleEvent } from './events.ts';
import { reauthDueAt, reconnectDeadline } from './lifecycle.ts';
import { AUTOPUBLISH_DELAY, REMINDER_LEAD } from './policy.ts';
import type { Account, Outcome, Post, State } from './schemas.ts';

export interface Transition {
  /** When it fires: the rule's own instant, or `from` when that instant was already behind us. */
  at: number;
  event: RuleEvent;
}

/**
 * Among transitions due at the same instant, this order holds: a lapse or a due re-authorization first
 * (they cancel posts), then reminders, then the posts they leave standing.
 */
const PRIORITY: Record<RuleEvent['type'], number> = {
  lapse: 0,
  'reauth-due': 1,
  reminder: 2,
  autopublish: 3,
  'post-due': 4,
};

/** Every transition pending in `state`, at or after `from`. Order: time, priority, file order. */
export function pending(state: State, from: number): Transition[] {
  // Stable sort keeps file order among equals.
  return candidates(state, from).sort(
    (a, b) => a.at - b.at || PRIORITY[a.event.type] - PRIORITY[b.event.type],
  );
}

function candidates(state: State, from: number): Transition[] {
  const out: Transition[] = [];
  visit(state, from, (c) => out.push({ at: c.at, event: toEvent(c) }));
  return out;
}

/** A pending rule instant as plain values; `at` is already clamped to `from`. */
interface Candidate {
  at: number;
  type: RuleEvent['type'];
  due: number;
  account: string;
  post: string;
  url: string;
}

function toEvent(c: Candidate): RuleEvent {
  switch (c.type) {
    case 'post-due':
      return { type: c.type, account: c.account, post: c.post, due: c.due };
    case 'autopublish':
      return { type: c.type, blog: c.account, url: c.url, due: c.due };
    default:
      return { type: c.type, account: c.account, due: c.due };
  }
}

/** A rule instant of one account as its own data implies it, before `from` is taken into account. */
interface Natural {
  type: 'reminder' | 'reauth-due' | 'post-due' | 'lapse';
  at: number;
  due: number;
  post: string;
}

interface Naturals {
  /** In the account's own order (the file order that breaks ties). */
  list: Natural[];
  /** The same, by time then priority: nextTransition reads only the first few of each account. */
  byTime: Natural[];
}

/**
 * An account's rule instants depend only on the account and its posts, and both are immutable values: so
 * they are computed once per (account, posts) pair. A daily sweep replaces every account (its last check),
 * the dozens of scans in between reuse the list.
 */
const NATURALS = new WeakMap<Account, { posts: readonly Post[] | undefined } & Naturals>();

function naturals(account: Account, posts: readonly Post[] | undefined): Natural[] {
  return entry(account, posts).list;
}

function entry(account: Account, posts: readonly Post[] | undefined): Naturals {
  const hit = NATURALS.get(account);
  if (hit && hit.posts === posts) return hit;
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
  const made = { posts, list, byTime };
  NATURALS.set(account, made);
  return made;
}

/**
 * The transition of one account that fires first from `from` on, as `visit` + the minimum would find it:
 * everything already behind `from` fires at `from`, and among those the lowest priority wins, then the
 * account's own order; otherwise the earliest ahead. Reads `byTime` only as far as `from`.
 */
function firstOf(n: Naturals, from: number): Natural | null {
  let pick: Natural | null = null;
  for (const x of n.byTime) {
    // R6: a reminder only while its due date is still ahead.
    if (x.type === 'reminder' && x.due <= from) continue;
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

/** Every pending rule instant in `state`, in file order; one reused record, so nothing is allocated per candidate. */
function visit(state: State, from: number, offer: (c: Candidate) => void): void {
  const c: Candidate = { at: 0, type: 'lapse', due: 0, account: '', post: '', url: '' };
  for (const account of state.accounts.list()) {
    for (const n of naturals(account, state.posts.get(account.id))) {
      // R6: a reminder only while its due date is still ahead.
      if (n.type === 'reminder' && n.due <= from) continue;
      c.at = Math.max(n.at, from);
      c.type = n.type;
      c.due = n.due;
      c.account = account.id;
      c.post = n.post;
      c.url = '';
      offer(c);
    }
  }
  visitBlogPosts(state, from, c, offer);
}

function visitBlogPosts(state: State, from: number, c: Candidate, offer: (c: Candidate) => void): void {
  for (const b of state.blogPosts) {
    if (b.done) continue;
    const due = b.publishedAt + AUTOPUBLISH_DELAY;
    c.at = Math.max(due, from);
    c.type = 'autopublish';
    c.due = due;
    c.account = b.blog;
    c.post = '';
    c.url = b.url;
    offer(c);
  }
}

/**
 * The next transition in [from, until] (or [from, until) when `inclusive` is false: a person acting at
 * exactly `until` goes first, so a reconnect at the deadline itself is still inside the window, R4).
 */
export function nextTransition(
  state: State,
  from: number,
  until: number,
  inclusive = true,
): Transition | null {
  // One pass keeping the minimum (time, then priority; the first in file order wins a tie). It runs after
  // every step, so candidates are compared as plain values and only the winner becomes an event.
  let best: Candidate | null = null;
  const offer = (c: Candidate) => {
    if (c.at > until || (!inclusive && c.at === until)) return;
    if (!best || c.at < best.at || (c.at === best.at && PRIORITY[c.type] < PRIORITY[best.type]))
      best = { ...c };
  };
  // Each account's own first transition (firstOf), then blog posts: the same winner as offering every
  // candidate of `visit`, with one comparison per account instead of one per pending rule instant.
  const c: Candidate = { at: 0, type: 'lapse', due: 0, account: '', post: '', url: '' };
  for (const account of state.accounts.values()) {
    const n = firstOf(entry(account, state.posts.get(account.id)), from);
    if (!n) continue;
    c.at = Math.max(n.at, from);
    c.type = n.type;
    c.due = n.due;
    c.account = account.id;
    c.post = n.post;
    offer(c);
  }
  visitBlogPosts(state, from, c, offer);
  const winner = best as Candidate | null;
  return winner ? { at: winner.at, event: toEvent(winner) } : null;
}

export interface Step extends ApplyResult {
  at: number;
  event: RuleEvent | { type: 'published'; account: string; post: string; outcome: Outcome };
}

/**
 * Run every transition up to `until` synchronously. `publish` answers each publish effect (default: the
 * network accepts it); the async shells (simulator, extension) do the same loop with real adapters.
 */
export function runUntil(
  state: State,
  from: number,
  until: number,
  publish: (effect: Extract<Effect, { type: 'publish' }>, at: number) => Outcome = () => ({ kind: 'ok' }),
  inclusive = true,
): { state: State; steps: Step[] } {
  const steps: Step[] = [];
  let current = state;
  let clock = from;
  for (
    let t = nextTransition(current, clock, until, inclusive);
    t;
    t = nextTransition(current, clock, until, inclusive)
  ) {
    clock = t.at;
    const result = apply(current, t.event, t.at);
    // Every pending transition changes the state when applied; one that did not would fire forever.
    if (result.state === current) throw new Error(`Rule transition ${t.event.type} made no progress`);
    current = result.state;
    steps.push({ ...result, at: t.at, event: t.event });
    for (const effect of result.effects) {
      if (effect.type !== 'publish') continue;
      const outcome = publish(effect, t.at);
      const event = { type: 'published' as const, account: effect.account, post: effect.post, outcome };
      const r = apply(current, event, t.at);
      current = r.state;
      steps.push({ ...r, at: t.at, event });
    }
  }
  return { state: current, steps };
}
