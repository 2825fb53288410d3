// The time-driven side of the rules: which transition is due next (R1 due dates, R5 lapses, R6 reminders,
// scheduled posts coming due, S1 auto-publishing 15 minutes after a blog post), and a loop that runs them.
import { type ApplyResult, apply } from './apply.ts';
import type { Effect, RuleEvent } from './events.ts';
import { reauthDueAt, reconnectDeadline } from './lifecycle.ts';
import { AUTOPUBLISH_DELAY, REMINDER_LEAD } from './policy.ts';
import type { Outcome, State } from './schemas.ts';

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
  const out: Transition[] = [];
  const at = (t: number) => Math.max(t, from);
  for (const account of Object.values(state.accounts)) {
    if (account.status === 'connected') {
      const due = reauthDueAt(account);
      if (due !== null) {
        // R6: once per due date, and only while the due date is still ahead.
        if (account.remindedFor !== due && due > from) {
          out.push({ at: at(due - REMINDER_LEAD), event: { type: 'reminder', account: account.id, due } });
        }
        out.push({ at: at(due), event: { type: 'reauth-due', account: account.id, due } });
      }
      for (const post of state.posts[account.id] ?? []) {
        if (post.state !== 'scheduled' || post.at === null) continue;
        const due = Math.max(post.at, post.retryAt ?? 0);
        out.push({ at: at(due), event: { type: 'post-due', account: account.id, post: post.id, due } });
      }
    } else if (account.status === 'disconnected') {
      const deadline = reconnectDeadline(account);
      if (deadline !== null)
        out.push({ at: at(deadline), event: { type: 'lapse', account: account.id, due: deadline } });
    }
  }
  for (const b of state.blogPosts) {
    if (b.done) continue;
    const due = b.publishedAt + AUTOPUBLISH_DELAY;
    out.push({ at: at(due), event: { type: 'autopublish', blog: b.blog, url: b.url, due } });
  }
  // Stable sort keeps file order among equals.
  return out.sort((a, b) => a.at - b.at || PRIORITY[a.event.type] - PRIORITY[b.event.type]);
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
  const first = pending(state, from)[0];
  if (!first) return null;
  return first.at < until || (inclusive && first.at === until) ? first : null;
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
