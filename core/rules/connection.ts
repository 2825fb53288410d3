// The connection lifecycle a person drives: connect (R1), reconnect (R4, R5), refresh (R7), disconnect
// (R3, R10), who may do each (R8, S3) and what a disconnect does to posts and people (R3, R6).
import { canDisconnect, canReconnect, recipients, reconnectContact } from '../access.ts';
import type { CoreEvent, Effect } from '../events.ts';
import { reauthDueAt, reconnectDeadline } from '../lifecycle.ts';
import { MSG } from '../messages.ts';
import { POLICY } from '../policy.ts';
import type { Account, DisconnectReason, Post, State } from '../schemas.ts';
import { accountFrom } from '../state.ts';
import {
  type ApplyResult,
  actor,
  type Family,
  isRejection,
  log,
  ok,
  postsOf,
  reject,
  withAccount,
} from './kit.ts';

/**
 * R6 Decision: unpredictable disconnects raise an alert at once. `token-expired` is unpredictable too,
 * so it alerts as well (core/README.md); `manual` was done by a person here, `reauth-required` was
 * announced by the R6 reminder a week earlier.
 */
const ALERTING: ReadonlySet<DisconnectReason> = new Set([
  'revoked',
  'token-expired',
  'security',
  'inactive',
  'deleted',
]);

/**
 * R3: at the moment of disconnect, scheduled posts are cancelled; published stay stored but hidden. Every
 * disconnect goes through here: a person's (R10), a network's refusal (R2, observed.ts) and R1's due date.
 */
export function disconnectAccount(
  state: State,
  account: Account,
  reason: DisconnectReason,
  at: number,
): ApplyResult {
  const before = postsOf(state, account.id);
  const posts = before.map((p) =>
    p.state === 'scheduled' ? { ...p, state: 'cancelled' as const, retryAt: null } : p,
  );
  const cancelled = before.filter((p) => p.state === 'scheduled').length;
  const next: Account = { ...account, status: 'disconnected', reason, disconnectedAt: at };
  const effects: Effect[] = [
    log('R3', account.id, 'disconnected', { reason, network: account.network, cancelled }),
  ];
  if (ALERTING.has(reason)) {
    // R6 Decision: recipients as for a reminder, computed before the posts were cancelled.
    effects.push({
      type: 'notify',
      notification: {
        at,
        kind: 'disconnect-alert',
        account: account.id,
        recipients: recipients(state, account, before),
      },
    });
  }
  return ok(withAccount(state, next, posts), effects);
}

/**
 * R4: a reconnect at or before the deadline restores everything: published posts are visible again, a
 * cancelled post still due becomes scheduled, one whose time passed becomes missed (R4 Decision).
 * After a lapse (R5) it is a fresh connection: the history is already gone.
 */
function restorePosts(posts: Post[], now: number): Post[] {
  return posts.map((p) => {
    if (p.state !== 'cancelled' || p.at === null) return p;
    return p.at >= now
      ? { ...p, state: 'scheduled' as const, retryAt: null }
      : { ...p, state: 'missed' as const };
  });
}

function authorize(
  account: Account,
  event: { by: string; postVisibility?: Account['postVisibility'] },
  now: number,
) {
  return {
    connectedBy: event.by,
    connectedAt: now,
    lastActiveAt: now,
    status: 'connected' as const,
    reason: null,
    disconnectedAt: null,
    remindedFor: null,
    postVisibility: event.postVisibility ?? account.postVisibility,
  };
}

/** S6: only x chooses post visibility; the others always report all sources. */
function visibilityRejection(state: State, account: Account, v: string | undefined): ApplyResult | null {
  if (v === undefined || POLICY[account.network].choosesPostVisibility || v === 'all-sources') return null;
  return reject(state, 'S6', MSG.visibilityFixed(account));
}

/** R4: refuse a consent that brought back a different account at the network. */
function sameAccountRejection(state: State, account: Account, profile: Account['profile'] | undefined) {
  if (!profile || !account.profile || profile.networkUserId === account.profile.networkUserId) return null;
  return reject(state, 'R4', MSG.differentAccount(account, profile.handle ?? profile.name));
}

type ConsentEvent = Extract<CoreEvent, { type: 'reconnect' | 'refresh-connection' }>;

/**
 * What a reconnect (R4/R7 on a disconnected or lapsed account) and a refresh (R7 on a connected one) both
 * require: the right status, permission (R8), visibility (S6) and the same account at the network (R4).
 */
function consent(
  state: State,
  e: ConsentEvent,
  wants: 'connected' | 'disconnected',
): { account: Account } | ApplyResult {
  const a = actor(state, e.account, e.by, 'R8');
  if (isRejection(a)) return reject(state, a.rule, a.m);
  const { account } = a;
  const connected = account.status === 'connected';
  if (wants === 'disconnected' && connected) return reject(state, 'R7', MSG.reconnectConnected(account));
  if (wants === 'connected' && !connected) return reject(state, 'R7', MSG.refreshNotConnected(account));
  if (!canReconnect(state, account).includes(e.by)) {
    return reject(state, 'R8', MSG.reconnectForbidden(account, reconnectContact(state, account, e.by)));
  }
  return (
    visibilityRejection(state, account, e.postVisibility) ??
    sameAccountRejection(state, account, e.profile) ?? { account }
  );
}

export const CONNECTION: Family<'connect' | 'reconnect' | 'refresh-connection' | 'disconnect'> = {
  connect(state, e, now) {
    const user = state.users[e.by];
    if (!user) return reject(state, 'S3', MSG.unknownUser(e.by));
    const existing = state.accounts.get(e.account);
    if (existing) return reject(state, 'R7', MSG.connectExists(existing));
    if (user.permission === 'draft-only') return reject(state, 'S3', MSG.draftOnlyConnect());
    // The same defaults as an account given at the start (state.ts), S4/S6 visibility included.
    const account = accountFrom({
      id: e.account,
      network: e.network,
      connectedBy: e.by,
      connectedAt: now,
      postVisibility: e.postVisibility,
      profile: e.profile,
    });
    const bad = visibilityRejection(state, account, e.postVisibility);
    if (bad) return bad;
    return ok(withAccount(state, account, []), [log('R1', account.id, 'connected', { by: e.by })]);
  },

  reconnect(state, e, now) {
    const checked = consent(state, e, 'disconnected');
    if ('rejected' in checked) return checked;
    const { account } = checked;
    const lapsed = account.status === 'lapsed';
    const deadline = reconnectDeadline(account);
    const next: Account = {
      ...account,
      ...authorize(account, e, now),
      profile: e.profile ?? account.profile,
      // A fresh consent makes the failed check that found the disconnect history, not current health.
      lastCheck: null,
    };
    // The lapse transition runs at the deadline itself (R5), so a reconnect here is inside the window
    // unless the account already lapsed; the deadline check guards states built by hand.
    if (lapsed || (deadline !== null && now > deadline)) {
      // R5: the history went at the lapse and was counted in `lost`; posts made since (S1 blog posts
      // cancelled while it was lapsed) are not that history: they come back as any cancelled post does
      // on a reconnect (R4: scheduled, or missed when their time passed). A state built by hand that
      // passed its deadline without lapsing loses its history here, counted as a lapse would count it.
      const since = postsOf(state, account.id);
      const fresh = lapsed ? next : { ...next, lost: next.lost + since.length };
      return ok(withAccount(state, fresh, lapsed ? restorePosts(since, now) : []), [
        log('R5', account.id, 'freshReconnect', { by: e.by }),
      ]);
    }
    const posts = restorePosts(postsOf(state, account.id), now);
    const restored = posts.filter((p) => p.state === 'scheduled').length;
    const missed =
      posts.filter((p) => p.state === 'missed').length -
      postsOf(state, account.id).filter((p) => p.state === 'missed').length;
    return ok(withAccount(state, next, posts), [
      log('R4', account.id, 'reconnected', { by: e.by, restored, missed }),
    ]);
  },

  'refresh-connection'(state, e, now) {
    const checked = consent(state, e, 'connected');
    if ('rejected' in checked) return checked;
    const { account } = checked;
    // R7: disconnect and reconnect in one step: the R1 clock restarts and no post is touched.
    const next: Account = {
      ...account,
      ...authorize(account, e, now),
      profile: e.profile ?? account.profile,
    };
    const due = reauthDueAt(next);
    return ok(withAccount(state, next), [
      due === null
        ? log('R7', account.id, 'refreshedNoDue', { by: e.by })
        : log('R7', account.id, 'refreshed', { by: e.by, due }),
    ]);
  },

  disconnect(state, e, now) {
    const a = actor(state, e.account, e.by, 'R10');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (user.permission === 'draft-only') return reject(state, 'S3', MSG.draftOnlyConnect());
    if (!canDisconnect(state, account).includes(e.by))
      return reject(state, 'R10', MSG.disconnectForbidden(account));
    if (account.status !== 'connected') return reject(state, 'R3', MSG.alreadyDisconnected(account));
    const result = disconnectAccount(state, account, 'manual', now);
    return ok(result.state, [...result.effects, { type: 'revoke', account: account.id }]);
  },
};
