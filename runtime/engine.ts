// The one loop every shell runs (design.md "Data flows in one loop"): a trigger (clock, user, scenario
// event) -> adapter call -> classified outcome -> core event -> apply -> new state + effects.
// Shared by the headless simulator (sim/) and the extension's background; storage stays with the caller.
import type { PublishRequest, TokenSet } from '../adapters/types.ts';
import {
  type ActionEvent,
  apply,
  type CoreEvent,
  type Effect,
  MAX_RETRY_AHEAD,
  type Network,
  type Notification,
  nextTransition,
  type Outcome,
  type Post,
  type Profile,
  type Rejection,
  type State,
} from '../core/index.ts';
import { mapLimit } from './limit.ts';
import type { RenewalSource, Upkeep } from './upkeep.ts';

export interface AccountRef {
  id: string;
  network: Network;
}

/** What the engine needs from the network side (adapters/connection.ts provides it). */
export interface Connections {
  check(account: AccountRef): Promise<Outcome>;
  publish(
    account: AccountRef,
    post: PublishRequest,
  ): Promise<
    { ok: true; value: { remoteId: string } } | { ok: false; failure: Exclude<Outcome, { kind: 'ok' }> }
  >;
  revoke(account: AccountRef): Promise<Outcome>;
  /** Renews the account's tokens now; with `watch`, what the token upkeep needs (runtime/upkeep.ts). */
  refresh?: RenewalSource['refresh'];
  watch?: RenewalSource['watch'];
}

/** Runs the OAuth consent for an account and returns what the network gave, without storing anything. */
export type AuthFlow = (
  account: AccountRef,
  opts: { postVisibility?: 'all-sources' | 'app-only' },
) => Promise<{ ok: true; tokens: TokenSet; profile: Profile } | { ok: false; message: string }>;

export interface TokenWriter {
  set(accountId: string, tokens: TokenSet): Promise<void>;
}

export type StepSource = 'scenario' | 'rule' | 'user' | 'schedule';

export interface EngineStep {
  at: number;
  source: StepSource;
  event: { type: string } & Record<string, unknown>;
  rejected: Rejection | null;
  effects: Effect[];
  notifications: Notification[];
  /** A person's check that went ahead although the network had asked to wait until `until` (issue #13). */
  askedToWait?: Array<{ account: string; until: number }>;
}

/** Per-network concurrency for health checks: modest, so a sweep never trips a network's rate limits. */
export const CHECK_CONCURRENCY: Record<Network, number> = {
  facebook: 4,
  instagram: 4,
  x: 2,
  linkedin: 2,
  youtube: 4,
};

export interface EngineOptions {
  state: State;
  /** Instant up to which the rules have run. */
  clock: number;
  connections: Connections;
  flow: AuthFlow;
  tokens: TokenWriter;
  concurrency?: Record<Network, number>;
  /**
   * Media for a post where the network needs it (Instagram takes only images, YouTube only videos). Posts
   * carry no media of their own here, so the simulator supplies placeholders; without it such a publish
   * fails as the adapter says and the post stays scheduled (R11).
   */
  media?: (post: Post, network: Network) => Pick<PublishRequest, 'imageUrl' | 'video'>;
  /**
   * Write-ahead: called with the state before a publish goes to the network, so the post's lease is stored
   * first. A worker stopped mid-publish then finds the post held for its lease instead of due at once.
   */
  beforeNetwork?: (state: State) => Promise<void>;
  /**
   * Token upkeep (runtime/upkeep.ts): renewals at their own instants, in time order with the rule
   * transitions, each reported as a rule step `{ type: 'renew', account }` (scenario.md).
   */
  upkeep?: Upkeep;
  /** Called after every step, e.g. to persist the state (the extension) or report progress. */
  onStep?: (step: EngineStep, state: State) => void | Promise<void>;
}

const CONSENT_EVENTS = new Set(['connect', 'reconnect', 'refresh-connection']);

export class Engine {
  state: State;
  clock: number;
  private readonly opts: EngineOptions;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.state = opts.state;
    this.clock = opts.clock;
  }

  /**
   * Run every rule transition due up to `until` (R1, R5, R6, due posts, S1) and every token renewal the
   * upkeep schedules, in time order, each at its instant. At the same instant the rules go first: a
   * renewal for an account they just disconnected is not made.
   */
  async advance(until: number, inclusive = true): Promise<EngineStep[]> {
    const steps: EngineStep[] = [];
    for (;;) {
      const rule = nextTransition(this.state, this.clock, until, inclusive);
      const renewal = this.opts.upkeep?.next(this.state, this.clock, until, inclusive) ?? null;
      if (rule && (!renewal || rule.at <= renewal.at)) {
        const before = this.state;
        this.clock = rule.at;
        steps.push(await this.commit('rule', rule.event, rule.at));
        // As core's runUntil: a due transition that changes nothing would fire for ever. Stop and name it.
        if (this.state === before) throw noProgress(rule);
      } else if (renewal) {
        this.clock = renewal.at;
        steps.push(await this.renew(renewal.account, renewal.at));
      } else break;
    }
    if (until > this.clock) this.clock = until;
    return steps;
  }

  /** R12: a renewal at its own instant; a refusal disconnects through the rules, like a check's would. */
  private async renew(account: AccountRef, now: number): Promise<EngineStep> {
    const result = await this.opts.upkeep!.run(account, now);
    const shown = { type: 'renew', account: account.id };
    if (result.event) return this.commit('rule', result.event, now, shown, [result.log]);
    return this.record('rule', shown, now, null, [result.log]);
  }

  /** A person's action at `now`; consent-based actions run the OAuth flow first, only if the rules allow it. */
  async act(event: ActionEvent, now: number, source: StepSource = 'user'): Promise<EngineStep> {
    this.tick(now);
    if (CONSENT_EVENTS.has(event.type)) return this.consent(event as ConsentEvent, now, source);
    return this.commit(source, event, now);
  }

  /**
   * R11: check one account or every connected one. Accounts waiting for a retry instant are skipped;
   * checks run with per-network concurrency; outcomes apply as one event in account order.
   */
  async check(target: string | null, now: number, source: StepSource = 'user'): Promise<EngineStep> {
    this.tick(now);
    // A person asking for a check gets one, backoff or not; the step says when the network asked to wait.
    const explicit = source === 'user';
    const refs = this.checkable(target, now, explicit);
    const askedToWait = refs.flatMap((a) => {
      const until = explicit ? waitingUntil(this.state.accounts.get(a.id)?.lastCheck?.retryAt, now) : null;
      return until === null ? [] : [{ account: a.id, until }];
    });
    const limits = this.opts.concurrency ?? CHECK_CONCURRENCY;
    const outcomes = await mapLimit(
      refs,
      (a) => a.network,
      limits,
      (a) => this.opts.connections.check(a),
    );
    const results = refs.map((a, i) => ({ account: a.id, outcome: outcomes[i]! }));
    const step = await this.commit(source, { type: 'checked', results }, now);
    const event = target ? { type: 'check', account: target } : { type: 'check' };
    return { ...step, event, ...(askedToWait.length > 0 ? { askedToWait } : {}) };
  }

  /** The clock only moves forward; callers run `advance(now, false)` first so no rule is skipped. */
  private tick(now: number): void {
    if (now > this.clock) this.clock = now;
  }

  private checkable(target: string | null, now: number, explicit: boolean): AccountRef[] {
    const accounts = target
      ? [this.state.accounts.get(target)].filter((a) => a !== undefined)
      : this.state.accounts.list();
    return accounts
      .filter((a) => target !== null || a.status === 'connected')
      .filter((a) => explicit || waitingUntil(a.lastCheck?.retryAt, now) === null)
      .map((a) => ({ id: a.id, network: a.network }));
  }

  private async consent(event: ConsentEvent, now: number, source: StepSource): Promise<EngineStep> {
    // Ask the rules first: a refused action never opens a consent screen (R7, R8, S3).
    const dry = apply(this.state, event, now);
    if (dry.rejected) return this.commit(source, event, now);
    const network =
      event.type === 'connect' ? event.network : this.state.accounts.get(event.account)!.network;
    const ref = { id: event.account, network };
    const granted = await this.opts.flow(ref, { postVisibility: event.postVisibility });
    if (!granted.ok) {
      // Cancel or failure leaves the account as it was.
      return this.record(source, event, now, { rule: ruleOf(event), message: granted.message }, []);
    }
    const step = await this.commit(source, { ...event, profile: granted.profile }, now);
    // Keep the new tokens only when the rules accepted the consent (R4: a different account is refused).
    if (!step.rejected) {
      await this.opts.tokens.set(event.account, granted.tokens);
      this.opts.upkeep?.note(ref, granted.tokens);
    }
    return { ...step, event: event as EngineStep['event'] };
  }

  /**
   * Apply one event, carry out its effects, and record the step (as `shown` when the step is reported as
   * something else than the core event it applied, e.g. a renewal that disconnects).
   */
  private async commit(
    source: StepSource,
    event: CoreEvent,
    now: number,
    shown: EngineStep['event'] = event as EngineStep['event'],
    extra: Effect[] = [],
  ): Promise<EngineStep> {
    const result = apply(this.state, event, now);
    this.state = result.state;
    const effects = [...result.effects, ...extra];
    if (result.effects.some((e) => e.type === 'publish')) await this.opts.beforeNetwork?.(this.state);
    for (const effect of result.effects) effects.push(...(await this.perform(effect, now)));
    return this.record(source, shown, now, result.rejected, effects);
  }

  private async record(
    source: StepSource,
    event: CoreEvent | EngineStep['event'],
    at: number,
    rejected: Rejection | null,
    effects: Effect[],
  ): Promise<EngineStep> {
    const notifications = effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));
    const step: EngineStep = {
      at,
      source,
      event: event as EngineStep['event'],
      rejected,
      effects,
      notifications,
    };
    await this.opts.onStep?.(step, this.state);
    return step;
  }

  /** Effects that need the network; the rest (notify, log) are for the caller to show. */
  private async perform(effect: Effect, now: number): Promise<Effect[]> {
    if (effect.type === 'revoke') {
      const account = this.state.accounts.get(effect.account);
      if (account) await this.opts.connections.revoke({ id: account.id, network: account.network });
      return [];
    }
    if (effect.type !== 'publish') return [];
    const account = this.state.accounts.get(effect.account);
    const post = this.state.posts.get(effect.account)?.find((p) => p.id === effect.post);
    if (!account || !post) return [];
    const answer = await this.opts.connections.publish(
      { id: account.id, network: account.network },
      {
        text: post.title ?? `Post ${post.id}`,
        link: post.url,
        imageUrl: post.imageUrl,
        ...this.opts.media?.(post, account.network),
      },
    );
    const outcome: Outcome = answer.ok ? { kind: 'ok' } : answer.failure;
    const r = apply(
      this.state,
      {
        type: 'published',
        account: account.id,
        post: post.id,
        outcome,
        remoteId: answer.ok ? answer.value.remoteId : undefined,
      },
      now,
    );
    this.state = r.state;
    return r.effects;
  }
}

/**
 * R11's wait, bounded relative to now (issue #13): a retry instant further ahead than any hint may be (one
 * stored while the clock was wrong, or before hints were bounded) no longer holds an account back.
 */
function waitingUntil(retryAt: number | null | undefined, now: number): number | null {
  return typeof retryAt === 'number' && retryAt > now && retryAt - now <= MAX_RETRY_AHEAD ? retryAt : null;
}

type ConsentEvent = Extract<ActionEvent, { type: 'connect' | 'reconnect' | 'refresh-connection' }>;

const ruleOf = (e: ConsentEvent) =>
  (e.type === 'connect' ? 'R8' : e.type === 'reconnect' ? 'R4' : 'R7') as Rejection['rule'];

const noProgress = (t: { at: number; event: object }) =>
  new Error(`Rule transition ${JSON.stringify(t.event)} at ${new Date(t.at).toISOString()} made no progress`);
