// What the product calls: account-level operations that load the stored tokens, keep them fresh (R12) and
// delegate to the network's adapter. Refreshes of one account are coalesced into one request, because X
// rotates refresh tokens and a second refresh with the old one would be refused and disconnect (R12).
import type { Network, Outcome, Profile } from '../core/schemas.ts';
import { unavailable } from './classify.ts';
import { RecentSecrets, scrub } from './secrets.ts';
import type { AdapterContext, Failure, NetworkAdapter, PublishRequest, Result, TokenSet } from './types.ts';

export { createPkce, createState, pkceChallenge } from './pkce.ts';

export interface AccountRef {
  id: string;
  network: Network;
}

export interface TokenStore {
  get(accountId: string): Promise<TokenSet | null>;
  set(accountId: string, tokens: TokenSet): Promise<void>;
}

export interface ConnectionsOptions {
  adapters: Record<Network, NetworkAdapter>;
  tokens: TokenStore;
  /** The context for one call: fetch, clock, client config (called once per operation). */
  context: (network: Network) => AdapterContext;
}

/**
 * What the product calls: the connection layer every shell's engine drives (runtime/engine.ts), declared
 * once here. `refresh`, `watch` and `profile` are optional so a shell's test double may leave them out (then
 * there is no token upkeep); `createConnections` provides all of them.
 */
export interface Connections {
  /** Health check. An expired access token is refreshed first, without any status change (R12). */
  check(account: AccountRef): Promise<Outcome>;
  publish(account: AccountRef, post: PublishRequest): Promise<Result<{ remoteId: string }>>;
  /** Revokes the grant at the network; `ok` where the network has no revoke endpoint (nothing to do there). */
  revoke(account: AccountRef): Promise<Outcome>;
  /** Forces a refresh (coalesced with any running one) and stores the result (runtime/upkeep.ts). */
  refresh?(account: AccountRef): Promise<Result<TokenSet>>;
  profile?(account: AccountRef): Promise<Result<Profile>>;
  /**
   * Calls `listener` after renewed tokens are stored, so the runtime's upkeep index follows every token
   * change (runtime/upkeep.ts). Returns the unsubscribe.
   */
  watch?(listener: (account: AccountRef, tokens: TokenSet) => void): () => void;
}

type Operation<T> = (adapter: NetworkAdapter, ctx: AdapterContext, tokens: TokenSet) => Promise<Result<T>>;

function noTokens(account: AccountRef): Failure {
  return {
    kind: 'auth-error',
    reason: 'token-expired',
    detail: `${account.network} account ${account.id} has no stored tokens: connect it first`,
  };
}

/** Whether the adapter can renew these tokens at all at `now`. */
function renewable(adapter: NetworkAdapter, tokens: TokenSet, now: number): boolean {
  if (adapter.tokens.renew === 'self') return tokens.expiresAt === null || tokens.expiresAt > now;
  return tokens.refreshToken !== null && (tokens.refreshExpiresAt === null || tokens.refreshExpiresAt > now);
}

/** Due for renewal: expiring within the adapter's margin, and still renewable. */
function renewalDue(adapter: NetworkAdapter, tokens: TokenSet, now: number): boolean {
  return (
    tokens.expiresAt !== null &&
    tokens.expiresAt - adapter.tokens.ahead <= now &&
    renewable(adapter, tokens, now)
  );
}

/** An answer that may only mean "access token expired": a refresh tells (X 401, Google invalid_token/401). */
function ambiguous(failure: Failure): boolean {
  return failure.kind === 'auth-error' && failure.reason === 'token-expired';
}

/**
 * The network refused a token it had just renewed: the grant is alive (the refresh worked), so the refusal
 * is not about the account. Not a disconnect (R11); the check is retried with backoff.
 */
function notAVerdict<T>(failure: Failure): Result<T> {
  return {
    ok: false,
    failure: unavailable(
      `${failure.detail ?? 'refused'}; a token it had just renewed: not a verdict on the account`,
    ),
  };
}

/** Never store an empty or missing refresh token (or horizon, or scopes) over a known one. */
function merge(previous: TokenSet, next: TokenSet): TokenSet {
  return {
    ...next,
    refreshToken: next.refreshToken || previous.refreshToken,
    refreshExpiresAt: next.refreshExpiresAt ?? previous.refreshExpiresAt,
    scopes: next.scopes.length > 0 ? next.scopes : previous.scopes,
  };
}

export function createConnections({
  adapters,
  tokens: store,
  context,
}: ConnectionsOptions): Required<Connections> {
  const inFlight = new Map<string, Promise<Result<TokenSet>>>();
  const listeners = new Set<(account: AccountRef, tokens: TokenSet) => void>();
  // Every token this layer reads or stores, per account (issue #13): see secrets.ts.
  const secrets = new RecentSecrets();

  async function load(account: AccountRef): Promise<TokenSet | null> {
    const tokens = await store.get(account.id);
    secrets.remember(account.id, tokens);
    return tokens;
  }

  /**
   * One refresh per account at a time: callers arriving while one runs share its promise (R12). The job
   * re-reads the store first: if another refresh already replaced the tokens the caller saw, it uses those
   * instead of spending the (rotated, now dead) refresh token again.
   */
  function refreshOnce(account: AccountRef, adapter: NetworkAdapter, ctx: AdapterContext, seen: TokenSet) {
    const running = inFlight.get(account.id);
    if (running) return running;
    const job = (async (): Promise<Result<TokenSet>> => {
      const latest = (await load(account)) ?? seen;
      if (latest.accessToken !== seen.accessToken && !renewalDue(adapter, latest, ctx.now())) {
        return { ok: true, value: latest };
      }
      const renewed = await adapter.refresh(ctx, latest);
      if (!renewed.ok) return renewed;
      const next = merge(latest, renewed.value);
      secrets.remember(account.id, next);
      await store.set(account.id, next);
      for (const listener of listeners) listener(account, next);
      return { ok: true, value: next };
    })().finally(() => inFlight.delete(account.id));
    inFlight.set(account.id, job);
    return job;
  }

  async function run<T>(
    account: AccountRef,
    ctx: AdapterContext,
    operation: Operation<T>,
  ): Promise<Result<T>> {
    const adapter = adapters[account.network];
    let tokens = await load(account);
    if (!tokens) return { ok: false, failure: noTokens(account) };
    let refreshed = false;
    if (renewalDue(adapter, tokens, ctx.now())) {
      const renewed = await refreshOnce(account, adapter, ctx, tokens);
      const expired = tokens.expiresAt !== null && tokens.expiresAt <= ctx.now();
      if (renewed.ok) {
        tokens = renewed.value;
        refreshed = true;
      } else if (renewed.failure.kind === 'auth-error' || expired) {
        // A refused refresh disconnects (R12); a transient one only matters if the old token is already dead.
        return renewed;
      }
    }
    // R11/R12: an ambiguous refusal (X 401, Google 401/invalid_token) with a token that should work gets one
    // coalesced refresh and one retry before anything is concluded.
    const first = await operation(adapter, ctx, tokens);
    if (first.ok || !ambiguous(first.failure) || adapter.tokens.renew !== 'refresh-token') return first;
    if (refreshed) return notAVerdict(first.failure);
    if (!renewable(adapter, tokens, ctx.now())) return first;
    const renewed = await refreshOnce(account, adapter, ctx, tokens);
    if (!renewed.ok) return renewed;
    const second = await operation(adapter, ctx, renewed.value);
    return second.ok || !ambiguous(second.failure) ? second : notAVerdict(second.failure);
  }

  /**
   * Runs one operation for an account and keeps every secret the account has held lately, and the client
   * secret, out of the failure's detail (issue #13): the details are stored and shown.
   */
  async function guarded<T>(
    account: AccountRef,
    operation: (ctx: AdapterContext) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const ctx = context(account.network);
    const result = await operation(ctx);
    return result.ok ? result : scrub(result, [...secrets.of(account.id), ctx.config.clientSecret]);
  }

  const asResult = (outcome: Outcome): Result<null> =>
    outcome.kind === 'ok' ? { ok: true, value: null } : { ok: false, failure: outcome };
  const asOutcome = (result: Result<unknown>): Outcome => (result.ok ? { kind: 'ok' } : result.failure);

  return {
    async check(account) {
      const result = await guarded(account, (ctx) =>
        run(account, ctx, async (adapter, ctx, tokens) => asResult(await adapter.check(ctx, tokens))),
      );
      return asOutcome(result);
    },

    publish: (account, post) =>
      guarded(account, (ctx) =>
        run(account, ctx, (adapter, ctx, tokens) => adapter.publish(ctx, tokens, post)),
      ),

    profile: (account) =>
      guarded(account, (ctx) => run(account, ctx, (adapter, ctx, tokens) => adapter.profile(ctx, tokens))),

    refresh: (account) =>
      guarded(account, async (ctx) => {
        const stored = await load(account);
        if (!stored) return { ok: false, failure: noTokens(account) };
        return refreshOnce(account, adapters[account.network], ctx, stored);
      }),

    watch(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    async revoke(account) {
      const result = await guarded(account, async (ctx) => {
        const adapter = adapters[account.network];
        const stored = await load(account);
        if (!stored) return { ok: false, failure: noTokens(account) };
        return adapter.revoke ? asResult(await adapter.revoke(ctx, stored)) : { ok: true, value: null };
      });
      return asOutcome(result);
    },
  };
}
