// The one loop every shell runs (design.md "Data flows in one loop"): a trigger (clock, user, scenario
// event) -> adapter call -> classified outcome -> core event -> apply -> new state + effects.
// Shared by the headless simulator (sim/), the extension's background and the team server; storage stays
// with the caller. What comes due next is runtime/due.ts, a sweep's batches runtime/sweep.ts, the OAuth
// consent runtime/flow.ts.
import type { AccountRef, Connections } from '../adapters/connection.ts';
import type { PublishRequest, TokenSet } from '../adapters/types.ts';
import {
  type Account,
  type ActionEvent,
  apply,
  type CoreEvent,
  type Effect,
  MAX_RETRY_AHEAD,
  type Network,
  type Outcome,
  type Post,
  type Profile,
  type Rejection,
  type State,
} from '../core/index.ts';
import { type Due, nextDue } from './due.ts';
import { mapLimit } from './limit.ts';
import type { EngineEvent, EngineStep, StepSource } from './steps.ts';
import { CHECK_CONCURRENCY } from './sweep.ts';
import type { Upkeep } from './upkeep.ts';

export type { CheckResult, EngineEvent, EngineStep, StepSource } from './steps.ts';
/** Declared once in adapters/connection.ts and runtime/steps.ts; re-exported for the shells. */
export type { AccountRef, Connections };
export { CHECK_CONCURRENCY };

/** Runs the OAuth consent for an account and returns what the network gave, without storing anything. */
export type AuthFlow = (
  account: AccountRef,
  opts: { postVisibility?: 'all-sources' | 'app-only' },
) => Promise<{ ok: true; tokens: TokenSet; profile: Profile } | { ok: false; message: string }>;

export interface TokenWriter {
  set(accountId: string, tokens: TokenSet): Promise<void>;
}

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

type ConsentEvent = Extract<ActionEvent, { type: 'connect' | 'reconnect' | 'refresh-connection' }>;

/** The rule a failed consent is reported under (R8 connect, R4 reconnect, R7 refresh). */
const CONSENT_RULE: Record<ConsentEvent['type'], Rejection['rule']> = {
  connect: 'R8',
  reconnect: 'R4',
  'refresh-connection': 'R7',
};

const isConsent = (event: ActionEvent): event is ConsentEvent => event.type in CONSENT_RULE;

export class Engine {
  state: State;
  clock: number;
  private readonly opts: EngineOptions;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.state = opts.state;
    this.clock = opts.clock;
  }

  /** What comes due next from the engine's clock on (a rule transition or a renewal), for an alarm or a job. */
  nextDue(until = Number.POSITIVE_INFINITY, inclusive = true): Due | null {
    return nextDue(this.state, this.clock, this.opts.upkeep, until, inclusive);
  }

  /**
   * Run every rule transition due up to `until` (R1, R5, R6, due posts, S1) and every token renewal the
   * upkeep schedules, in time order, each at its instant. At the same instant the rules go first: a
   * renewal for an account they just disconnected is not made.
   */
  async advance(until: number, inclusive = true): Promise<EngineStep[]> {
    const steps: EngineStep[] = [];
    for (let due = this.nextDue(until, inclusive); due; due = this.nextDue(until, inclusive)) {
      this.clock = due.at;
      if (due.kind === 'renewal') {
        steps.push(await this.renew(due.account, due.at));
        continue;
      }
      const before = this.state;
      steps.push(await this.commit('rule', due.transition.event, due.at));
      // As core's runUntil: a due transition that changes nothing would fire for ever. Stop and name it.
      if (this.state === before) throw noProgress(due.transition);
    }
    if (until > this.clock) this.clock = until;
    return steps;
  }

  /** R12: a renewal at its own instant; a refusal disconnects through the rules, like a check's would. */
  private async renew(account: AccountRef, now: number): Promise<EngineStep> {
    const result = await this.opts.upkeep!.run(account, now);
    const shown = { type: 'renew' as const, account: account.id };
    if (result.event) return this.commit('rule', result.event, now, { shown, extra: [result.log] });
    return this.record({ at: now, source: 'rule', event: shown }, null, [result.log]);
  }

  /** A person's action at `now`; consent-based actions run the OAuth flow first, only if the rules allow it. */
  async act(event: ActionEvent, now: number, source: StepSource = 'user'): Promise<EngineStep> {
    this.tick(now);
    if (isConsent(event)) return this.consent(event, now, source);
    return this.commit(source, event, now);
  }

  /**
   * R11: a health check of one account, or of every connected one, as one `checked` event with the
   * outcomes in account order. Shells sweep every account in batches with runtime/sweep.ts instead.
   */
  check(target: string | null, now: number, source: StepSource = 'user'): Promise<EngineStep> {
    const accounts = target
      ? [this.state.accounts.get(target)].filter((a) => a !== undefined)
      : this.state.accounts.list().filter((a) => a.status === 'connected');
    return this.checkAccounts(accounts, now, source);
  }

  /** One sweep batch (runtime/sweep.ts): the accounts of `ids` still connected, in the order given. */
  checkBatch(ids: readonly string[], now: number, source: StepSource): Promise<EngineStep> {
    const accounts = ids
      .map((id) => this.state.accounts.get(id))
      .filter((a): a is Account => a?.status === 'connected');
    return this.checkAccounts(accounts, now, source);
  }

  /**
   * Accounts waiting for a retry instant are skipped (R11), unless a person asked: then the check goes ahead
   * and the step says until when the network had asked to wait (issue #13). Checks run with per-network
   * concurrency; the outcomes apply as one event in the accounts' order, whatever order the answers came in.
   */
  private async checkAccounts(accounts: Account[], now: number, source: StepSource): Promise<EngineStep> {
    this.tick(now);
    const explicit = source === 'user';
    const askedToWait: Array<{ account: string; until: number }> = [];
    const refs: AccountRef[] = [];
    for (const a of accounts) {
      const until = waitingUntil(a.lastCheck?.retryAt, now);
      if (until !== null && !explicit) continue;
      if (until !== null) askedToWait.push({ account: a.id, until });
      refs.push({ id: a.id, network: a.network });
    }
    const limits = this.opts.concurrency ?? CHECK_CONCURRENCY;
    const outcomes = await mapLimit(
      refs,
      (a) => a.network,
      limits,
      (a) => this.opts.connections.check(a),
    );
    const results = refs.map((a, i) => ({ account: a.id, outcome: outcomes[i]! }));
    return this.commit(source, { type: 'checked', results }, now, askedToWait.length ? { askedToWait } : {});
  }

  /** The clock only moves forward; callers run `advance(now, false)` first so no rule is skipped. */
  private tick(now: number): void {
    if (now > this.clock) this.clock = now;
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
      const rejected = { rule: CONSENT_RULE[event.type], message: granted.message };
      return this.record({ at: now, source, event }, rejected, []);
    }
    const consented = { ...event, profile: granted.profile };
    // Keep the new tokens only when the rules accept the consent (R4: a different account is refused), and
    // before the step's effects: a post the reconnect makes due at once is published with them.
    if (!apply(this.state, consented, now).rejected) {
      await this.opts.tokens.set(event.account, granted.tokens);
      this.opts.upkeep?.note(ref, granted.tokens);
    }
    return this.commit(source, consented, now);
  }

  /**
   * Apply one event, carry out its effects, and record the step (as `shown` when the step is reported as
   * something else than the core event it applied, e.g. a renewal that disconnects).
   */
  private async commit(
    source: StepSource,
    event: Exclude<CoreEvent, { type: 'published' }>,
    now: number,
    more: { shown?: EngineEvent; extra?: Effect[]; askedToWait?: EngineStep['askedToWait'] } = {},
  ): Promise<EngineStep> {
    const result = apply(this.state, event, now);
    this.state = result.state;
    const effects = [...result.effects, ...(more.extra ?? [])];
    if (result.effects.some((e) => e.type === 'publish')) await this.opts.beforeNetwork?.(this.state);
    for (const effect of result.effects) effects.push(...(await this.perform(effect, now)));
    const head = { at: now, source, event: more.shown ?? event };
    return this.record(head, result.rejected, effects, more.askedToWait);
  }

  private async record(
    head: Pick<EngineStep, 'at' | 'source' | 'event'>,
    rejected: Rejection | null,
    effects: Effect[],
    askedToWait?: EngineStep['askedToWait'],
  ): Promise<EngineStep> {
    const notifications = effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));
    const step: EngineStep = {
      ...head,
      rejected,
      effects,
      notifications,
      ...(askedToWait ? { askedToWait } : {}),
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

const noProgress = (t: { at: number; event: object }) =>
  new Error(`Rule transition ${JSON.stringify(t.event)} at ${new Date(t.at).toISOString()} made no progress`);
