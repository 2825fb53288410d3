// The background's one loop around runtime's Engine (design.md "Data flows in one loop"): every wake-up
// (start, alarm, message) first runs the rules due by now (R1, R5, R6, due posts), then does its work,
// then persists everything it changed in one transaction and updates badge, notifications and pages.
// Engine operations run one at a time (a promise-chain lock), so two triggers never interleave.

import { browser } from 'wxt/browser';
import type { TokenSet } from '../../adapters/types.ts';
import { type ActionEvent, pending, type Rejection, type State } from '../../core/index.ts';
import {
  type AuthFlow,
  CHECK_CONCURRENCY,
  type Connections,
  Engine,
  type EngineStep,
} from '../../runtime/engine.ts';
import { mapLimit } from '../../runtime/limit.ts';
import { locale, t } from '../lib/i18n.ts';
import { CHANGED, type Reply, type Request } from '../lib/protocol.ts';
import type { ClientSettings, LogEntry, Notice, PopupView, Sweep } from '../lib/types.ts';
import { badgeFor, showBadge } from './badge.ts';
import { notificationsFor, showNotifications } from './notify.ts';
import { buildSettingsView } from './settings-view.ts';
import type { Change, Store } from './store.ts';
import { buildView, glanceOf } from './view.ts';

/** Named alarms (https://developer.chrome.com/docs/extensions/reference/api/alarms). */
export const SWEEP_ALARM = 'health-sweep';
export const SWEEP_PERIOD_MINUTES = 30;
/** Fires at the next rule instant (a reminder, a due date, a lapse, a due post), so none waits for a sweep. */
export const RULES_ALARM = 'rules-due';
/** Accounts checked between two commits: a stopped service worker redoes at most one batch. */
export const SWEEP_BATCH = 25;

/** What differs between the production and the simulation build. */
export interface ModeSetup {
  mode: PopupView['mode'];
  connections: Connections;
  flow: AuthFlow;
  /** The first run's state, current user and tokens (production: an empty team; simulation: the demo team). */
  seed(now: number): Promise<{ state: State; me: string; tokens: Record<string, TokenSet> }>;
  /** Simulation: the consent page answered. */
  answerConsent?(request: string, allow: boolean): Promise<Reply>;
  /** Real mode: the options page saved client ids. */
  setClients?(clients: ClientSettings): void;
  /** The clock (simulation: the wall clock plus the simulator's offset). */
  now?: () => number;
  /** Simulation: every health check goes to the event log, not only the failures. */
  logChecks?: boolean;
  /** Simulation: the simulator panel's requests (faults, clock, reset). */
  simulate?(request: SimRequest, bg: Background): Promise<Reply>;
}

export type SimRequest = Extract<Request, { type: 'sim-inject' | 'sim-advance' | 'sim-reset' }>;

export interface BackgroundOptions {
  store: Store;
  setup: ModeSetup;
  now?: () => number;
}

const OK: Reply = { ok: true };

export class Background {
  readonly store: Store;
  readonly setup: ModeSetup;
  private readonly now: () => number;
  private engine!: Engine;
  private me = '';
  private sweep: Sweep | null = null;
  private notice: Notice | null = null;
  private steps: EngineStep[] = [];
  private staged = new Map<string, TokenSet>();
  private lock: Promise<unknown> = Promise.resolve();
  private sweeping: Promise<void> | null = null;

  private constructor(opts: BackgroundOptions) {
    this.store = opts.store;
    this.setup = opts.setup;
    this.now = opts.now ?? opts.setup.now ?? Date.now;
  }

  /** Loads the stored state, or seeds it on the first run (committed before anything else happens). */
  static async open(opts: BackgroundOptions): Promise<Background> {
    const bg = new Background(opts);
    await bg.load();
    return bg;
  }

  private async load(): Promise<void> {
    let state = await this.store.get('state');
    let clock = await this.store.get('clock');
    this.me = (await this.store.get('me')) ?? '';
    this.sweep = (await this.store.get('sweep')) ?? null;
    if (!state || clock === undefined) {
      const now = this.now();
      const seed = await this.setup.seed(now);
      state = seed.state;
      clock = now;
      this.me = seed.me;
      await this.store.commit({ state, clock, me: this.me, sweep: null, tokens: seed.tokens });
    }
    this.start(state, clock);
  }

  private start(state: State, clock: number): void {
    this.engine = new Engine({
      state,
      clock,
      connections: this.setup.connections,
      flow: this.setup.flow,
      // New tokens from a consent are committed with the state that accepted them, in one transaction.
      tokens: { set: async (account, tokens) => void this.staged.set(account, tokens) },
      onStep: (step) => void this.steps.push(step),
      // Store a post's publish lease before the network call, so a stopped worker does not publish twice.
      beforeNetwork: (state) => this.store.commit({ state, clock: this.engine.clock }),
    });
  }

  get state(): State {
    return this.engine.state;
  }

  /** The next rule instant (R1, R5, R6, due posts), or null when nothing is scheduled. */
  nextDue(): number | null {
    return pending(this.engine.state, this.engine.clock)[0]?.at ?? null;
  }

  /** Simulation: a fresh seed (the demo team) replaces everything, in one commit. */
  reseed(extra: Change = {}): Promise<void> {
    return this.exclusive(async () => {
      const now = this.now();
      const seed = await this.setup.seed(now);
      this.me = seed.me;
      this.sweep = null;
      this.notice = null;
      this.start(seed.state, now);
      await this.store.commit({ tokens: seed.tokens, ...extra });
      await this.persist();
    });
  }

  /** Simulation: records outside the engine (an injected fault, the clock offset), then tells the pages. */
  record(change: Change): Promise<void> {
    return this.exclusive(async () => {
      await this.store.commit(change);
      await this.persist();
    });
  }

  get currentUser(): string {
    return this.me;
  }

  get sweepProgress(): Sweep | null {
    return this.sweep;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Every wake-up: the rules due by now, then a commit (which also refreshes badge and view). */
  wake(): Promise<void> {
    return this.exclusive(async () => {
      await this.engine.advance(this.now());
      await this.persist();
    });
  }

  async handle(req: Request): Promise<Reply> {
    switch (req.type) {
      case 'wake':
        await this.wake();
        return OK;
      case 'ping':
        return OK;
      case 'check-now':
        if (req.account) return this.checkOne(req.account);
        await this.startSweep();
        return OK;
      case 'reconnect':
      case 'disconnect':
        return this.act({ type: req.type, account: req.account, by: this.me });
      case 'refresh-connection':
        return this.act({ ...req, by: this.me });
      case 'set-access':
      case 'set-default':
      case 'set-autopublish':
      case 'assign-brand':
        // Settings go through core like every action: a refusal (S1-S8) changes nothing and says why.
        return this.act({ ...req, by: this.me } as ActionEvent);
      case 'set-digest':
        return this.act({ ...req, user: this.me });
      case 'set-current-user':
        return this.exclusive(async () => {
          if (!(req.user in this.engine.state.users))
            return { ok: false, message: t('unknownUser', req.user) };
          this.me = req.user;
          await this.persist();
          return OK;
        });
      case 'set-clients':
        await this.store.commit({ clients: req.clients });
        this.setup.setClients?.(req.clients);
        return OK;
      case 'sim-inject':
      case 'sim-advance':
      case 'sim-reset':
        return this.setup.simulate?.(req, this) ?? { ok: false, message: t('simUnavailable') };
      case 'consent-answer':
        return (
          this.setup.answerConsent?.(req.request, req.allow) ?? { ok: false, message: t('flowUnavailable') }
        );
    }
  }

  /**
   * A person's action (R4, R7, R8, R10). Consent-based ones hold the lock while the user decides, so no
   * other change interleaves; the consent launchers time out, so the lock is never held for ever.
   */
  private act(event: ActionEvent): Promise<Reply> {
    return this.exclusive(async () => {
      const now = this.now();
      await this.engine.advance(now, false);
      const account = 'account' in event ? event.account : null;
      if (account !== null && !this.engine.state.accounts.get(account))
        return { ok: false, message: t('unknownAccount') };
      const step = await this.engine.act(event, now);
      await this.engine.advance(now);
      this.notice = step.rejected ? { at: now, account, ...refusalOf(step.rejected) } : null;
      await this.persist();
      return step.rejected ? { ok: false, ...refusalOf(step.rejected) } : OK;
    });
  }

  private checkOne(account: string): Promise<Reply> {
    return this.exclusive(async () => {
      const now = this.now();
      await this.engine.advance(now, false);
      await this.engine.check(account, now, 'user');
      await this.engine.advance(now);
      await this.persist();
      return OK;
    });
  }

  /** Starts a sweep of every connected account, unless one is under way (then it just continues). */
  async startSweep(): Promise<void> {
    await this.exclusive(async () => {
      if (this.sweep) return;
      const ids = this.engine.state.accounts
        .list()
        .filter((a) => a.status === 'connected')
        .map((a) => a.id);
      this.sweep = { startedAt: this.now(), ids, done: 0 };
      await this.persist();
    });
    await this.resumeSweep();
  }

  /**
   * Runs the stored sweep to its end in batches, committing progress with each batch's results, so a
   * service worker stopped half-way resumes after the last committed batch (R11 backoff is the Engine's:
   * accounts whose retryAt is ahead are skipped).
   */
  resumeSweep(): Promise<void> {
    // `.finally` runs after the assignment even when there is nothing to do, so a finished run never
    // lingers as "the sweep in progress".
    this.sweeping ??= this.runSweep().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async runSweep(): Promise<void> {
    while (this.sweep && this.sweep.done < this.sweep.ids.length) await this.sweepBatch();
    if (this.sweep) await this.exclusive(() => this.finishSweep());
  }

  private sweepBatch(): Promise<void> {
    return this.exclusive(async () => {
      const sweep = this.sweep;
      if (!sweep) return;
      const now = this.now();
      await this.engine.advance(now, false);
      const batch = sweep.ids.slice(sweep.done, sweep.done + SWEEP_BATCH);
      const refs = batch
        .map((id) => this.engine.state.accounts.get(id))
        .filter((a) => a !== undefined && a.status === 'connected')
        .map((a) => ({ id: a!.id, network: a!.network }));
      await mapLimit(
        refs,
        (a) => a.network,
        CHECK_CONCURRENCY,
        (a) => this.engine.check(a.id, now, 'schedule'),
      );
      await this.engine.advance(now);
      this.sweep = { ...sweep, done: sweep.done + batch.length };
      if (this.sweep.done >= this.sweep.ids.length) this.sweep = null;
      await this.persist();
    });
  }

  private async finishSweep(): Promise<void> {
    this.sweep = null;
    await this.persist();
  }

  /** Alarms: the periodic sweep, and the next rule instant. */
  async ensureAlarms(): Promise<void> {
    if (!(await browser.alarms.get(SWEEP_ALARM))) {
      await browser.alarms.create(SWEEP_ALARM, { periodInMinutes: SWEEP_PERIOD_MINUTES, delayInMinutes: 1 });
    }
  }

  async onAlarm(name: string): Promise<void> {
    await this.wake();
    if (name === SWEEP_ALARM) await this.startSweep();
  }

  /** One transaction for everything the last operation changed, then the outside world. */
  private async persist(): Promise<void> {
    const steps = this.steps.splice(0);
    const tokens = Object.fromEntries(this.staged);
    this.staged.clear();
    const state = this.engine.state;
    const now = this.now();
    const view = buildView({
      state,
      me: this.me,
      now,
      mode: this.setup.mode,
      sweep: this.sweep ? { done: this.sweep.done, total: this.sweep.ids.length } : null,
      notice: this.notice,
    });
    await this.store.commit({
      state,
      clock: this.engine.clock,
      me: this.me,
      sweep: this.sweep,
      view,
      glance: glanceOf(view, locale()),
      settings: buildSettingsView(state, this.me, now, this.setup.mode),
      tokens,
      log: logEntries(steps, this.setup.logChecks ?? false),
    });
    await this.announce(steps, state, now);
  }

  /** After the commit: badge, notifications for me, the next rule alarm, and a nudge to open pages. */
  private async announce(steps: EngineStep[], state: State, now: number): Promise<void> {
    const next = pending(state, this.engine.clock)[0];
    await Promise.allSettled([
      showBadge(badgeFor(state, now)),
      showNotifications(notificationsFor(steps, this.me, state)),
      next
        ? browser.alarms.create(RULES_ALARM, { when: Math.max(next.at, now + 1000) })
        : browser.alarms.clear(RULES_ALARM),
      // Rejects when no page is open to listen; that is fine.
      browser.runtime.sendMessage({ type: CHANGED }),
    ]);
  }
}

/** What a page needs to say a refusal in its reader's language (lib/refusal.ts). */
export function refusalOf(r: Rejection): Omit<Extract<Reply, { ok: false }>, 'ok'> {
  return {
    message: r.message,
    rule: r.rule,
    ...(r.key ? { key: r.key } : {}),
    ...(r.params ? { params: r.params } : {}),
  };
}

/**
 * The Engine's `log` effects as log lines, with their rule ids; with `checks`, also one line per health
 * check outcome (R11 when the status stays, R2 when the network's answer disconnects).
 */
export function logEntries(steps: readonly EngineStep[], checks = false): LogEntry[] {
  return steps.flatMap((step) => {
    const lines: LogEntry[] = step.effects.flatMap((e) =>
      e.type === 'log'
        ? [{ at: step.at, rule: e.rule, account: e.account ?? '', message: e.message, source: step.source }]
        : [],
    );
    if (!checks || step.event.type !== 'checked') return lines;
    const results =
      (step.event as { results?: { account: string; outcome: { kind: string } }[] }).results ?? [];
    const checked = results.map((r) => ({
      at: step.at,
      rule: (r.outcome.kind === 'auth-error' ? 'R2' : 'R11') as LogEntry['rule'],
      account: r.account,
      message: `Check: ${r.outcome.kind}`,
      source: step.source,
    }));
    return [...checked, ...lines];
  });
}
