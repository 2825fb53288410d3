// The time-driven side of the rules: which transition is due next (R1 due dates, R5 lapses, R6 reminders,
// scheduled posts coming due, S1 auto-publishing 15 minutes after a blog post), and a loop that runs them.
import { type ApplyResult, apply } from './apply.ts';
import { firstDue } from './due-index.ts';
import type { Effect, RuleEvent } from './events.ts';
import { firstOf, naturalsOf, PRIORITY, stale } from './naturals.ts';
import { AUTOPUBLISH_DELAY } from './policy.ts';
import type { Outcome, State } from './schemas.ts';

export interface Transition {
  /** When it fires: the rule's own instant, or `from` when that instant was already behind us. */
  at: number;
  event: RuleEvent;
}

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

/** Every pending rule instant in `state`, in file order; one reused record, so nothing is allocated per candidate. */
function visit(state: State, from: number, offer: (c: Candidate) => void): void {
  const c: Candidate = { at: 0, type: 'lapse', due: 0, account: '', post: '', url: '' };
  for (const account of state.accounts.list()) {
    for (const n of naturalsOf(account, state.posts.get(account.id)).list) {
      if (stale(n, from)) continue;
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

/** Keeps the minimum by time, then priority; the first offered wins a tie (file order). */
function better(c: Candidate, best: Candidate | null): boolean {
  return !best || c.at < best.at || (c.at === best.at && PRIORITY[c.type] < PRIORITY[best.type]);
}

const inWindow = (at: number, until: number, inclusive: boolean) => at < until || (inclusive && at === until);

/**
 * The next transition in [from, until] (or [from, until) when `inclusive` is false: a person acting at
 * exactly `until` goes first, so a reconnect at the deadline itself is still inside the window, R4).
 * The accounts' first transition comes from the index of due instants (core/due-index.ts): O(chunks) per
 * call instead of O(accounts); blog posts, few and after every account in file order, are scanned.
 */
export function nextTransition(
  state: State,
  from: number,
  until: number,
  inclusive = true,
): Transition | null {
  const first = firstDue(state, from);
  if (first === undefined) return scanTransition(state, from, until, inclusive);
  let best: Candidate | null = first && { ...first, url: '' };
  const c: Candidate = { at: 0, type: 'lapse', due: 0, account: '', post: '', url: '' };
  visitBlogPosts(state, from, c, (b) => {
    if (better(b, best)) best = { ...b };
  });
  const winner = best as Candidate | null;
  return winner && inWindow(winner.at, until, inclusive) ? { at: winner.at, event: toEvent(winner) } : null;
}

/**
 * The same answer as nextTransition by looking at every account: each account's own first transition
 * (firstOf), then blog posts. For States the index cannot take, and the reference the index is tested
 * against.
 */
export function scanTransition(
  state: State,
  from: number,
  until: number,
  inclusive = true,
): Transition | null {
  // One pass keeping the minimum (time, then priority; the first in file order wins a tie). Candidates are
  // compared as plain values and only the winner becomes an event.
  let best: Candidate | null = null;
  const offer = (c: Candidate) => {
    if (inWindow(c.at, until, inclusive) && better(c, best)) best = { ...c };
  };
  const c: Candidate = { at: 0, type: 'lapse', due: 0, account: '', post: '', url: '' };
  for (const account of state.accounts.values()) {
    const n = firstOf(naturalsOf(account, state.posts.get(account.id)), from);
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
