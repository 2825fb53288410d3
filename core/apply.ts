// apply(state, event, now) -> { state, effects, rejected }: the whole connection lifecycle (R1-R12) and the
// settings rules (S1-S8) as one pure function. A refusal leaves the state untouched (same object).
import { canDisconnect, canReconnect, level, recipients, reconnectContact } from './access.ts';
import type { ActionEvent, CoreEvent, Effect, Rejection, RuleId } from './events.ts';
import { reauthDueAt, reconnectDeadline } from './lifecycle.ts';
import { type LogKey, type Message, type MessageParams, MSG, render, renderLog } from './messages.ts';
import { AUTOPUBLISH_DELAY, BACKOFF, DEFAULT_LIMIT, MINUTE, POLICY } from './policy.ts';
import {
  type Account,
  type AuthErrorReason,
  type DisconnectReason,
  MAX_RETRY_AHEAD,
  type Outcome,
  type Post,
  type State,
  type User,
} from './schemas.ts';

export interface ApplyResult {
  state: State;
  effects: Effect[];
  rejected: Rejection | null;
}

/** How long a post-due publish attempt holds the post before it is tried again (crash safety). */
export const PUBLISH_LEASE = 10 * MINUTE;

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

type Handler<E> = (state: State, event: E, now: number) => ApplyResult;
type Handlers = { [T in CoreEvent['type']]: Handler<Extract<CoreEvent, { type: T }>> };

export function apply(state: State, event: CoreEvent, now: number): ApplyResult {
  const handler = HANDLERS[event.type] as Handler<CoreEvent>;
  return handler(state, event, now);
}

/** Would the action be refused? The shell asks before starting an OAuth flow (R8, S3). */
export function validate(state: State, event: ActionEvent, now: number): Rejection | null {
  return apply(state, event, now).rejected;
}

// ---------- small helpers ----------

const reject = (state: State, rule: RuleId, m: Message): ApplyResult => ({
  state,
  effects: [],
  rejected: { rule, message: render(m), key: m.key, params: m.params },
});
const ok = (state: State, effects: Effect[] = []): ApplyResult => ({ state, effects, rejected: null });

function withAccount(state: State, account: Account, posts?: Post[]): State {
  return {
    ...state,
    accounts: state.accounts.set(account.id, account),
    posts: posts ? state.posts.set(account.id, posts) : state.posts,
  };
}

const postsOf = (state: State, accountId: string): Post[] => state.posts.get(accountId) ?? [];

interface Actor {
  account: Account;
  user: User;
}

/** Resolve `account` and `by`, or say which one is unknown. */
function actor(state: State, accountId: string, userId: string, rule: RuleId): Actor | Refusal {
  const account = state.accounts.get(accountId);
  if (!account) return { rule, m: MSG.unknownAccount(accountId) };
  const user = state.users[userId];
  if (!user) return { rule, m: MSG.unknownUser(userId) };
  return { account, user };
}
interface Refusal {
  rule: RuleId;
  m: Message;
}
const isRejection = (x: Actor | Refusal): x is Refusal => 'rule' in x;

const log = (rule: RuleId, account: string | null, key: LogKey, params: MessageParams = {}): Effect => ({
  type: 'log',
  rule,
  account,
  key,
  params,
  message: renderLog({ key, params }),
});

// ---------- R3: disconnect; R4: reconnect ----------

/** R3: at the moment of disconnect, scheduled posts are cancelled; published stay stored but hidden. */
function disconnect(state: State, account: Account, reason: DisconnectReason, at: number): ApplyResult {
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

const HANDLERS: Handlers = {
  // ---------- actions ----------
  connect(state, e, now) {
    const user = state.users[e.by];
    if (!user) return reject(state, 'S3', MSG.unknownUser(e.by));
    const existing = state.accounts.get(e.account);
    if (existing) return reject(state, 'R7', MSG.connectExists(existing));
    if (user.permission === 'draft-only') return reject(state, 'S3', MSG.draftOnlyConnect());
    const choose = POLICY[e.network].choosesPostVisibility;
    const account: Account = {
      id: e.account,
      network: e.network,
      profile: e.profile ?? null,
      connectedBy: e.by,
      connectedAt: now,
      lastActiveAt: now,
      status: 'connected',
      reason: null,
      disconnectedAt: null,
      access: 'everyone',
      // S4/S6: x defaults to app-only; the other networks always report all sources.
      postVisibility: choose ? (e.postVisibility ?? 'app-only') : 'all-sources',
      isDefault: false,
      autopublishBlog: null,
      brand: null,
      lastCheck: null,
      remindedFor: null,
      lost: 0,
      stats: { interactions: 0, conversations: 0, newFollowers: 0 },
    };
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
    const result = disconnect(state, account, 'manual', now);
    return ok(result.state, [...result.effects, { type: 'revoke', account: account.id }]);
  },

  'set-access'(state, e) {
    const a = actor(state, e.account, e.by, 'S2');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (!user.superAdmin) return reject(state, 'S2', MSG.accessSuperAdmin());
    if (typeof e.access === 'object') {
      if (state.settings.plan !== 'enterprise') return reject(state, 'S2', MSG.accessListEnterprise());
      const unknown = e.access.users.find((u) => !(u in state.users));
      if (unknown) return reject(state, 'S2', MSG.unknownUser(unknown));
    }
    if (e.access !== 'everyone' && account.autopublishBlog !== null) {
      return reject(state, 'S1', MSG.accessBreaksAutopublish(account));
    }
    return ok(withAccount(state, { ...account, access: e.access }), [
      typeof e.access === 'string'
        ? log('S2', account.id, 'accessSet', { access: e.access, by: e.by })
        : log('S2', account.id, 'accessListSet', {
            users: e.access.users.join(', '),
            teams: e.access.teams.join(', '),
            by: e.by,
          }),
    ]);
  },

  'set-default'(state, e) {
    const a = actor(state, e.account, e.by, 'S5');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    // S3: every permission, draft-only included, may set default accounts, for accounts the user can see.
    if (level(user, account) === 'hidden' || level(user, account) === 'none') {
      return reject(state, 'S3', MSG.hidden(account));
    }
    if (e.value && !account.isDefault) {
      const defaults = state.accounts.list().filter((x) => x.isDefault);
      const limit = DEFAULT_LIMIT[state.settings.plan];
      if (defaults.length >= limit) return reject(state, 'S5', MSG.defaultLimit(limit, state.settings.plan));
      const otherX = account.network === 'x' ? defaults.find((x) => x.network === 'x') : undefined;
      if (otherX) return reject(state, 'S5', MSG.defaultX(otherX.profile?.name ?? otherX.id));
    }
    return ok(withAccount(state, { ...account, isDefault: e.value }), [
      log('S5', account.id, e.value ? 'defaultOn' : 'defaultOff', { by: e.by }),
    ]);
  },

  'set-autopublish'(state, e) {
    const a = actor(state, e.account, e.by, 'S1');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (user.permission === 'draft-only' || level(user, account) !== 'full') {
      return reject(state, 'S3', MSG.noFullAccess(account));
    }
    if (e.blog !== null) {
      if (!state.settings.blogs.includes(e.blog)) return reject(state, 'S1', MSG.unknownBlog(e.blog));
      if (!POLICY[account.network].autopublish) return reject(state, 'S1', MSG.autopublishInstagram());
      if (account.access !== 'everyone') return reject(state, 'S1', MSG.autopublishAccess(account));
    }
    return ok(withAccount(state, { ...account, autopublishBlog: e.blog }), [
      e.blog
        ? log('S1', account.id, 'autopublishOn', { blog: e.blog })
        : log('S1', account.id, 'autopublishOff'),
    ]);
  },

  'assign-brand'(state, e) {
    const a = actor(state, e.account, e.by, 'S8');
    if (isRejection(a)) return reject(state, a.rule, a.m);
    const { account, user } = a;
    if (state.settings.plan !== 'enterprise' || !state.settings.brandsAddon) {
      return reject(state, 'S8', MSG.brandsNeedAddon());
    }
    if (e.brand !== null && !state.settings.brands.includes(e.brand)) {
      return reject(state, 'S8', MSG.unknownBrand(e.brand));
    }
    if (!user.superAdmin && level(user, account) !== 'full')
      return reject(state, 'S3', MSG.noFullAccess(account));
    // S8: an account belongs to at most one brand; assigning moves it.
    return ok(withAccount(state, { ...account, brand: e.brand }), [
      e.brand ? log('S8', account.id, 'brandSet', { brand: e.brand }) : log('S8', account.id, 'brandRemoved'),
    ]);
  },

  'set-digest'(state, e) {
    const user = state.users[e.user];
    if (!user) return reject(state, 'S7', MSG.unknownUser(e.user));
    const next = { ...user, digest: { frequency: e.frequency, monthlyReport: e.monthlyReport } };
    return ok({ ...state, users: { ...state.users, [user.id]: next } }, [
      log('S7', null, 'digestSet', {
        user: user.id,
        frequency: e.frequency,
        monthlyReport: e.monthlyReport ? 'on' : 'off',
      }),
    ]);
  },

  'blog-post'(state, e, now) {
    if (!state.settings.blogs.includes(e.blog)) return reject(state, 'S1', MSG.unknownBlog(e.blog));
    const blogPost = { blog: e.blog, title: e.title, url: e.url, publishedAt: now, done: false };
    return ok({ ...state, blogPosts: [...state.blogPosts, blogPost] }, [
      log('S1', null, 'blogPostQueued', { title: e.title, at: now + AUTOPUBLISH_DELAY }),
    ]);
  },

  publish(state, e, now) {
    const account = state.accounts.get(e.account);
    if (!account) return reject(state, 'R3', MSG.unknownAccount(e.account));
    if (e.by !== undefined) {
      const user = state.users[e.by];
      if (!user) return reject(state, 'S3', MSG.unknownUser(e.by));
      if (level(user, account) !== 'full') return reject(state, 'S3', MSG.noFullAccess(account));
    }
    if (account.status !== 'connected') return reject(state, 'R3', MSG.publishDisconnected(account));
    const posts = postsOf(state, account.id);
    if (e.post !== undefined) {
      const post = posts.find((p) => p.id === e.post);
      if (post?.state !== 'scheduled') return reject(state, 'R3', MSG.publishNotDue(e.post));
      const next = posts.map((p) => (p === post ? { ...p, retryAt: now + PUBLISH_LEASE } : p));
      return ok(withAccount(state, account, next), [{ type: 'publish', account: account.id, post: post.id }]);
    }
    const seq = state.seq + 1;
    const post: Post = {
      id: `${account.id}-post-${seq}`,
      account: account.id,
      state: 'scheduled',
      at: now,
      author: e.by ?? account.connectedBy,
      retryAt: now + PUBLISH_LEASE,
      attempts: 0,
    };
    return ok({ ...withAccount(state, account, [...posts, post]), seq }, [
      { type: 'publish', account: account.id, post: post.id },
    ]);
  },

  // ---------- observed network outcomes ----------
  checked(state, e, now) {
    // A sweep reports many accounts at once; each replacement shares all but one chunk (core/table.ts).
    let next = state;
    const effects: Effect[] = [];
    for (const result of e.results) {
      const account = next.accounts.get(result.account);
      if (!account) continue;
      if (result.outcome.kind === 'auth-error' && account.status === 'connected') {
        const r = observe(next, account, result.outcome, now);
        next = r.state;
        effects.push(...r.effects);
      } else {
        const r = checkedAccount(account, result.outcome, now);
        next = { ...next, accounts: next.accounts.set(account.id, r.account) };
        if (r.effect) effects.push(r.effect);
      }
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

  // ---------- time-driven transitions ----------
  'reauth-due'(state, e) {
    const account = state.accounts.get(e.account);
    if (account?.status !== 'connected' || reauthDueAt(account) !== e.due) return ok(state);
    // R1: at reauthDueAt the account disconnects whether or not a check ran.
    return disconnect(state, account, 'reauth-required', e.due);
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

  'post-due'(state, e, now) {
    const account = state.accounts.get(e.account);
    const posts = postsOf(state, e.account);
    const post = posts.find((p) => p.id === e.post);
    if (account?.status !== 'connected' || !post || post.state !== 'scheduled') return ok(state);
    // Hold the post while the shell publishes it; if the shell dies, the lease runs out and it is retried.
    const next = posts.map((p) => (p === post ? { ...p, retryAt: now + PUBLISH_LEASE } : p));
    return ok(withAccount(state, account, next), [{ type: 'publish', account: account.id, post: post.id }]);
  },

  autopublish(state, e, now) {
    const index = state.blogPosts.findIndex((b) => b.url === e.url && b.blog === e.blog && !b.done);
    const blogPost = state.blogPosts[index];
    if (!blogPost) return ok(state);
    let next: State = {
      ...state,
      blogPosts: state.blogPosts.map((b, i) => (i === index ? { ...b, done: true } : b)),
    };
    const effects: Effect[] = [];
    // S1: one social post per linked account, with the blog post's title and link.
    for (const account of state.accounts.list()) {
      if (account.autopublishBlog !== e.blog) continue;
      const seq = next.seq + 1;
      const connected = account.status === 'connected';
      const post: Post = {
        id: `${account.id}-blog-${seq}`,
        account: account.id,
        // A disconnected account cannot take it: it is cancelled like any scheduled post (R3).
        state: connected ? 'scheduled' : 'cancelled',
        at: now,
        author: account.connectedBy,
        title: blogPost.title,
        url: blogPost.url,
        retryAt: connected ? now + PUBLISH_LEASE : null,
        attempts: 0,
      };
      next = { ...withAccount(next, account, [...postsOf(next, account.id), post]), seq };
      effects.push(
        connected
          ? { type: 'publish', account: account.id, post: post.id }
          : log('S1', account.id, 'blogPostNotShared', { title: blogPost.title }),
      );
    }
    return ok(next, effects);
  },
};

/** R2/R11: what one classified answer does to an account. */
function observe(state: State, account: Account, outcome: Outcome, now: number): ApplyResult {
  if (outcome.kind === 'auth-error' && account.status === 'connected') {
    const checked: Account = {
      ...account,
      lastCheck: { at: now, outcome: 'auth-error', retryAt: null, failures: 0, detail: outcome.detail },
    };
    // An authoritative refusal disconnects a connected account (R2).
    return disconnect(withAccount(state, checked), checked, authReason(outcome.reason), now);
  }
  const r = checkedAccount(account, outcome, now);
  return ok(withAccount(state, r.account), r.effect ? [r.effect] : []);
}

/** An answer that changes no status: ok, a transient failure (R11), or a refusal for an account already down. */
function checkedAccount(
  account: Account,
  outcome: Outcome,
  now: number,
): { account: Account; effect?: Effect } {
  if (outcome.kind === 'ok') {
    return { account: { ...account, lastCheck: { at: now, outcome: 'ok', retryAt: null, failures: 0 } } };
  }
  if (outcome.kind === 'auth-error') {
    // Already disconnected or lapsed: it keeps its reason.
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

const authReason = (r: AuthErrorReason): DisconnectReason => r;

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
