// The background's one loop around runtime's Engine (design.md "Data flows in one loop"): every wake-up
// (start, alarm, message) first runs the rules due by now (R1, R5, R6, due posts), then does its work,
// then persists everything it changed in one transaction (persist.ts) and updates badge, notifications
// and pages (announce.ts). Engine operations run one at a time (a promise-chain lock), so two triggers
// never interleave. Requests become actions through requests.ts; sweeps are runtime/sweep.ts's.
import type { TokenSet } from '../../adapters/types.ts';
import type { ActionEvent, State } from '../../core/index.ts';
import { Engine, type EngineStep } from '../../runtime/engine.ts';
import type { Upkeep } from '../../runtime/upkeep.ts';
import { t } from '../lib/i18n.ts';
import type { Reply, Request } from '../lib/protocol.ts';
import type { Notice, Sweep } from '../lib/types.ts';
import { ensureSweepAlarm, SWEEP_ALARM } from './alarms.ts';
import { announce } from './announce.ts';
import type { ModeSetup } from './mode.ts';
import { changeOf } from './persist.ts';
import { startUpkeep } from './renewals.ts';
import { actionOf, isAction, refusalOf } from './requests.ts';
import { routeRequest } from './route.ts';
import type { Change, Store } from './store.ts';
import { answer, Sweeps } from './sweeps.ts';

export { SWEEP_BATCH } from '../../runtime/sweep.ts';
export { RULES_ALARM, SWEEP_ALARM, SWEEP_PERIOD_MINUTES } from './alarms.ts';
export { logEntries } from './log-lines.ts';
export type { ModeSetup, SimRequest } from './mode.ts';
export { refusalOf } from './requests.ts';

export interface BackgroundOptions {
  store: Store;
  setup: ModeSetup;
  now?: () => number;
  /** Every engine step with the state right after it (tests compare the shells' step sequences). */
  observe?: (step: EngineStep, state: State) => void;
}

const OK: Reply = { ok: true };

export class Background {
  readonly store: Store;
  readonly setup: ModeSetup;
  /** The computer's clock (simulation: plus the simulator's offset); `now()` is what the rules may trust. */
  private readonly raw: () => number;
  private readonly observe: BackgroundOptions['observe'];
  private engine!: Engine;
  private upkeep: Upkeep | undefined;
  private me = '';
  private notice: Notice | null = null;
  private steps: EngineStep[] = [];
  private staged = new Map<string, TokenSet>();
  private lock: Promise<unknown> = Promise.resolve();
  private readonly sweeps = new Sweeps(
    {
      exclusive: (work) => this.exclusive(work),
      engine: () => this.engine,
      now: () => this.now(),
      persist: () => this.persist(),
    },
    null,
  );

  private constructor(opts: BackgroundOptions) {
    this.store = opts.store;
    this.setup = opts.setup;
    this.raw = opts.now ?? opts.setup.now ?? Date.now;
    this.observe = opts.observe;
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
    this.sweeps.cursor = (await this.store.get('sweep')) ?? null;
    if (!state || clock === undefined) {
      const now = this.now();
      const seed = await this.setup.seed(now);
      state = seed.state;
      clock = now;
      this.me = seed.me;
      await this.store.commit({ state, clock, me: this.me, sweep: null, tokens: seed.tokens });
    }
    this.start(state, clock, await this.store.allTokens());
  }

  private start(state: State, clock: number, tokens: ReadonlyMap<string, TokenSet>): void {
    // Token renewals at their own instants (R12); missed ones while the browser was closed run at once.
    this.upkeep?.close();
    this.upkeep = startUpkeep(this.setup.connections, state, tokens, this.now());
    this.engine = new Engine({
      upkeep: this.upkeep,
      state,
      clock,
      connections: this.setup.connections,
      flow: this.setup.flow,
      // New tokens from a consent are committed with the state that accepted them, in one transaction.
      tokens: { set: async (account, tokens) => void this.staged.set(account, tokens) },
      onStep: (step, after) => {
        this.steps.push(step);
        this.observe?.(step, after);
      },
      // Store a post's publish lease before the network call, so a stopped worker does not publish twice;
      // with it any tokens a consent just gave, so the publish never goes out with the old ones.
      beforeNetwork: (state) =>
        this.store.commit({ state, clock: this.engine.clock, tokens: this.takeStaged() }),
    });
  }

  /** The instant to work at: the clock, or the rules' own clock while a jump ahead waits (clock-guard.ts). */
  private now(): number {
    const guard = this.setup.clockGuard;
    return guard && this.engine ? guard.now(this.raw(), this.engine.clock) : this.raw();
  }

  private takeStaged(): Record<string, TokenSet> {
    const tokens = Object.fromEntries(this.staged);
    this.staged.clear();
    return tokens;
  }

  get state(): State {
    return this.engine.state;
  }

  get currentUser(): string {
    return this.me;
  }

  get sweepProgress(): Sweep | null {
    return this.sweeps.cursor;
  }

  /** The next instant something is due (a rule transition or a token renewal), or null (runtime/due.ts). */
  nextDue(): number | null {
    return this.engine.nextDue()?.at ?? null;
  }

  /** Simulation: a fresh seed (the demo team) replaces everything, in one commit. */
  reseed(extra: Change = {}): Promise<void> {
    return this.exclusive(async () => {
      const now = this.now();
      const seed = await this.setup.seed(now);
      this.me = seed.me;
      this.sweeps.cursor = null;
      this.notice = null;
      this.start(seed.state, now, new Map(Object.entries(seed.tokens)));
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

  /** A person's action, or one of the background's own requests (route.ts). */
  handle(req: Request): Promise<Reply> {
    return isAction(req) ? this.act(actionOf(req, this.me)) : routeRequest(this, req);
  }

  /** The simulation's "signed in as" (the demo team's users). */
  setCurrentUser(user: string): Promise<Reply> {
    return this.exclusive(async () => {
      if (!(user in this.engine.state.users)) return { ok: false, message: t('unknownUser', user) };
      this.me = user;
      await this.persist();
      return OK;
    });
  }

  /**
   * A person's action (R4, R7, R8, R10, S1-S8). Consent-based ones hold the lock while the person decides,
   * so no other change interleaves; the OAuth flow gives up after its timeout (runtime/flow.ts), so the
   * lock is never held for ever.
   */
  act(event: ActionEvent): Promise<Reply> {
    return this.exclusive(async () => {
      const now = this.now();
      await this.engine.advance(now, false);
      const account = 'account' in event && event.type !== 'connect' ? event.account : null;
      if (account !== null && !this.engine.state.accounts.get(account))
        return { ok: false, message: t('unknownAccount') };
      const step = await this.engine.act(event, now);
      await this.engine.advance(now);
      this.notice = step.rejected ? { at: now, account, ...refusalOf(step.rejected) } : null;
      await this.persist();
      return step.rejected ? { ok: false, ...refusalOf(step.rejected) } : OK;
    });
  }

  /**
   * A health check (R11) of one account, or a sweep of every connected one: `user` when a person asked
   * (the backoff is ignored and the reply says which network had asked to wait), `schedule` otherwise.
   */
  check(target: string | null, source: 'user' | 'schedule'): Promise<Reply> {
    if (target === null) return this.startSweep(source);
    return this.exclusive(async () => {
      const now = this.now();
      await this.engine.advance(now, false);
      const step = await this.engine.check(target, now, source);
      await this.engine.advance(now);
      await this.persist();
      return answer(step.askedToWait ?? []);
    });
  }

  /** Starts a sweep of every connected account, unless one is under way (then it just continues). */
  startSweep(source: 'user' | 'schedule' = 'schedule'): Promise<Reply> {
    return this.sweeps.start(source);
  }

  /** A sweep the service worker was stopped in the middle of continues after its last committed batch. */
  resumeSweep(): Promise<Reply> {
    return this.sweeps.resume();
  }

  /** The periodic sweep's alarm (alarms.ts). */
  ensureAlarms(): Promise<void> {
    return ensureSweepAlarm();
  }

  /** The sweep alarm sweeps (its batches run the rules due first); the rule and renewal alarms wake. */
  async onAlarm(name: string): Promise<void> {
    if (name === SWEEP_ALARM) await this.startSweep('schedule');
    else await this.wake();
  }

  /** One transaction for everything the last operation changed, then the outside world. */
  private async persist(): Promise<void> {
    const steps = this.steps.splice(0);
    const state = this.engine.state;
    const clock = this.engine.clock;
    const now = this.now();
    const guard = this.setup.clockGuard;
    await this.store.commit({
      ...changeOf({
        state,
        clock,
        me: this.me,
        sweep: this.sweeps.cursor,
        notice: guard?.notice(this.raw()) ?? this.notice,
        next: this.nextDue(),
        mode: this.setup.mode,
        now,
        steps,
        tokens: this.takeStaged(),
        logChecks: this.setup.logChecks ?? false,
      }),
      ...(guard ? { clockJump: guard.jump } : {}),
    });
    await announce({ steps, state, clock, me: this.me, now, upkeep: this.upkeep });
  }
}
