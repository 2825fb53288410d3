// What the networks answered, as the adapters classified it: a sweep's checks and a publish's result.
// `observe` is the one place an answer changes an account: an authoritative refusal disconnects (R2), a
// transient failure backs off and changes nothing else (R11).
import type { Effect } from '../events.ts';
import { MSG } from '../messages.ts';
import { BACKOFF } from '../policy.ts';
import {
  type Account,
  type DisconnectReason,
  MAX_RETRY_AHEAD,
  type Outcome,
  type State,
} from '../schemas.ts';
import { disconnectAccount } from './connection.ts';
import { type ApplyResult, type Family, log, ok, postsOf, reject, withAccount } from './kit.ts';

/** R2/R11: what one classified answer does to an account (from a check or a publish). */
export function observe(state: State, account: Account, outcome: Outcome, now: number): ApplyResult {
  const r = checkedAccount(account, outcome, now);
  if (outcome.kind === 'auth-error' && account.status === 'connected') {
    // An authoritative refusal disconnects a connected account (R2); the network's reasons are R2's.
    const reason: DisconnectReason = outcome.reason;
    return disconnectAccount(withAccount(state, r.account), r.account, reason, now);
  }
  return ok(withAccount(state, r.account), r.effect ? [r.effect] : []);
}

/** The account's last check after an answer: ok, a refusal, or a transient failure that backs off (R11). */
function checkedAccount(
  account: Account,
  outcome: Outcome,
  now: number,
): { account: Account; effect?: Effect } {
  if (outcome.kind === 'ok') {
    return { account: { ...account, lastCheck: { at: now, outcome: 'ok', retryAt: null, failures: 0 } } };
  }
  if (outcome.kind === 'auth-error') {
    // `observe` disconnects a connected account; one already down keeps its reason.
    const lastCheck = {
      at: now,
      outcome: 'auth-error' as const,
      retryAt: null,
      failures: 0,
      detail: outcome.detail,
    };
    return { account: { ...account, lastCheck } };
  }
  // R11: rate limits, 5xx, timeouts and offline leave the status alone; the next check waits.
  const failures = (account.lastCheck?.failures ?? 0) + 1;
  const retryAt = transientRetry(outcome, failures, now);
  return {
    account: {
      ...account,
      lastCheck: { at: now, outcome: outcome.kind, retryAt, failures, detail: outcome.detail },
    },
    effect: log('R11', account.id, 'checkTransient', { outcome: outcome.kind, retryAt }),
  };
}

/**
 * R11: honour the network's retry instant, else back off exponentially from 5 minutes up to 6 hours.
 * Total over any numbers (issue #13): a hint that is not a time after `now` is no hint, and a hint is never
 * believed beyond MAX_RETRY_AHEAD, whatever an adapter or a stored state passes in.
 */
export function transientRetry(outcome: Outcome, failures: number, now: number): number {
  const hinted = 'retryAt' in outcome ? outcome.retryAt : null;
  if (typeof hinted === 'number' && hinted > now) return Math.min(hinted, now + MAX_RETRY_AHEAD);
  const exponent = Number.isFinite(failures) ? Math.max(0, failures - 1) : 0;
  return now + Math.min(BACKOFF.base * 2 ** exponent, BACKOFF.max);
}

export const OBSERVED: Family<'checked' | 'published'> = {
  checked(state, e, now) {
    // A sweep reports many accounts at once; each replacement shares all but one chunk (core/table.ts).
    let next = state;
    const effects: Effect[] = [];
    for (const result of e.results) {
      const account = next.accounts.get(result.account);
      if (!account) continue;
      const r = observe(next, account, result.outcome, now);
      next = r.state;
      effects.push(...r.effects);
      if (result.stats) {
        const stats = { ...next.accounts.get(account.id)!, stats: result.stats };
        next = { ...next, accounts: next.accounts.set(account.id, stats) };
      }
    }
    return ok(next, effects);
  },

  published(state, e, now) {
    const account = state.accounts.get(e.account);
    if (!account) return reject(state, 'R3', MSG.unknownAccount(e.account));
    const posts = postsOf(state, account.id);
    const post = posts.find((p) => p.id === e.post);
    if (!post) return reject(state, 'R3', MSG.publishNotDue(e.post));
    if (e.outcome.kind === 'ok') {
      const next = posts.map((p) =>
        p === post
          ? { ...p, state: 'published' as const, at: now, retryAt: null, attempts: 0, remoteId: e.remoteId }
          : p,
      );
      // R1: for x a successful publish is activity and restarts the 90-day clock.
      const active: Account = { ...account, lastActiveAt: now };
      return ok(withAccount(state, active, next), [log('R1', account.id, 'published', { post: post.id })]);
    }
    if (e.outcome.kind === 'auth-error') {
      // The post was still scheduled when the network refused: the disconnect cancels it with the others (R3).
      return observe(state, account, e.outcome, now);
    }
    // R11: a transient failure never cancels a post; it stays scheduled and is tried again, backing off.
    const attempts = post.attempts + 1;
    const retryAt = transientRetry(e.outcome, attempts, now);
    const next = posts.map((p) => (p === post ? { ...p, retryAt, attempts } : p));
    return ok(withAccount(state, account, next), [
      log('R11', account.id, 'publishRetry', { post: post.id, outcome: e.outcome.kind, retryAt }),
    ]);
  },
};
