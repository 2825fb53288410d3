// Runs a validated scenario end to end through the real pieces: core/ for the rules, the real adapters for
// every network call, and the mocks/ world (driven by the network-side events) answering through MSW.
import { createConnections } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import type { TokenSet } from '../adapters/types.ts';
import {
  type AccountInput,
  type ActionEvent,
  createState,
  type Network,
  type Rejection,
  type State,
  snapshot,
} from '../core/index.ts';
import { MOCK_CLIENTS } from '../mocks/clients.ts';
import { createWorld, type MockWorld } from '../mocks/world.ts';
import { Engine, type EngineStep } from '../runtime/engine.ts';
import { createCodeFlow } from '../runtime/flow.ts';
import { Upkeep } from '../runtime/upkeep.ts';
import { directFetch, mswFetch } from './fetch.ts';
import { placeholderMedia } from './media.ts';
import {
  accountsAt,
  finalOf,
  formatNotification,
  formatSnapshot,
  iso,
  type Report,
  type ReportStep,
  touched,
} from './report.ts';
import type { Scenario, ScenarioEvent } from './scenario.ts';

/** Where the mock networks send consent back to; never fetched. */
export const SIM_REDIRECT_URI = 'https://social-health.invalid/oauth/callback';
export const SIM_SEED = 20260101;

export interface RunOptions {
  /** Called after every step with how far the run is (for progress on stderr). */
  onProgress?: (progress: { event: number; events: number; at: number }) => void;
  /**
   * List in each step only the accounts that changed (every account is always in `final`). For very
   * large scenarios, where a snapshot of every account after every step would be gigabytes.
   */
  changedOnly?: boolean;
  /**
   * `msw` (default): every request is answered by the MSW handlers of mocks/ through MSW's `getResponse`.
   * `direct`: the same handler code without MSW's wrapper (mocks/fetch.ts), about 3x faster; the answers
   * are byte-identical (test/mocks/mock-fetch.test.ts), and so are the reports (test/sim/scenarios.test.ts).
   */
  transport?: 'msw' | 'direct';
  /**
   * Hands each report step over as it is made instead of keeping it, so a huge report never sits in memory
   * (the CLI streams it, sim/stream.ts); `steps`, `refusals` and `report().steps` then stay empty. The run
   * waits for a returned promise, so a slow reader holds the run back instead of output piling up in memory.
   */
  onStep?: (step: ReportStep) => void | Promise<void>;
}

const ms = (iso: string) => Date.parse(iso);

/** The core state at the scenario's start, from the file. */
export function initialState(s: Scenario, world: MockWorld): State {
  const accounts: AccountInput[] = s.accounts.map((a) => {
    const identity = world.addAccount({ id: a.id, network: a.network });
    return {
      id: a.id,
      network: a.network,
      connectedBy: a.connectedBy,
      connectedAt: ms(a.connectedAt),
      lastActiveAt: a.lastActiveAt ? ms(a.lastActiveAt) : undefined,
      state: a.state,
      disconnectedAt: a.disconnectedAt ? ms(a.disconnectedAt) : undefined,
      reason: a.reason,
      access: normalizeAccess(a.access),
      postVisibility: a.postVisibility,
      default: a.default,
      brand: a.brand,
      profile: {
        networkUserId: identity.networkUserId,
        name: identity.name,
        handle: identity.handle,
        avatarUrl: identity.avatarUrl,
      },
    };
  });
  return createState({
    plan: s.plan,
    brandsAddon: s.brandsAddon,
    teams: s.teams,
    brands: s.brands,
    blogs: (s.blogs ?? []).map((b) => b.id),
    users: s.users.map((u) => ({
      id: u.id,
      permission: u.permission,
      superAdmin: u.superAdmin ?? false,
      teams: u.teams ?? [],
    })),
    accounts,
    posts: (s.posts ?? []).map((p) => ({ ...p, at: p.at ? ms(p.at) : null })),
  });
}

function normalizeAccess(a: Scenario['accounts'][number]['access']) {
  if (a === undefined || typeof a === 'string') return a;
  return { users: a.users ?? [], teams: a.teams ?? [] };
}

/** Network-side events change the mock world only; the product learns at the next check or publish. */
const NETWORK: Partial<Record<ScenarioEvent['type'], (w: MockWorld, e: ScenarioEvent) => void>> = {
  revoke: (w, e) => w.revoke((e as { account: string }).account),
  'expire-token': (w, e) => w.expireToken((e as { account: string }).account),
  security: (w, e) => w.security((e as { account: string }).account),
  inactive: (w, e) => w.inactive((e as { account: string }).account),
  'delete-account': (w, e) => w.deleteAccount((e as { account: string }).account),
  outage: (w, e) => {
    const o = e as { network: Network; until: string };
    w.outage(o.network, ms(o.until));
  },
  'rate-limit': (w, e) => {
    const o = e as { network: Network; until: string };
    w.rateLimit(o.network, ms(o.until));
  },
  respond: (w, e) => {
    const r = e as Extract<ScenarioEvent, { type: 'respond' }>;
    w.respond(r.network, { status: r.status, body: r.body, headers: r.headers, times: r.times });
  },
};

/** App-side scenario events as core actions. */
function action(e: ScenarioEvent): ActionEvent | null {
  switch (e.type) {
    case 'publish':
      return { type: 'publish', account: e.account, post: e.post };
    case 'connect':
      return {
        type: 'connect',
        account: e.account,
        network: e.network,
        by: e.by,
        postVisibility: e.postVisibility,
      };
    case 'reconnect':
      return { type: 'reconnect', account: e.account, by: e.by, postVisibility: e.postVisibility };
    case 'refresh-connection':
    case 'disconnect':
    case 'set-default':
    case 'set-autopublish':
    case 'assign-brand':
    case 'set-digest':
    case 'blog-post': {
      const { at: _at, ...rest } = e;
      return rest as ActionEvent;
    }
    case 'set-access':
      return { type: 'set-access', account: e.account, by: e.by, access: normalizeAccess(e.access)! };
    default:
      return null;
  }
}

/** A simulation: the world, the network behind MSW, the engine; the panel drives one step at a time. */
export class Simulation {
  readonly world: MockWorld;
  readonly engine: Engine;
  readonly unhandled: string[];
  readonly scenario: Scenario;
  private readonly tokens = new Map<string, TokenSet>();
  private log: { step: EngineStep; state: State }[] = [];

  constructor(scenario: Scenario, transport: RunOptions['transport'] = 'msw') {
    this.scenario = scenario;
    const start = ms(scenario.start);
    // The mock networks live on the engine's clock, so a token expires exactly when the rules think it does.
    this.world = createWorld({ now: () => this.engine?.clock ?? start, seed: SIM_SEED, logCalls: false });
    const network = transport === 'direct' ? directFetch(this.world) : mswFetch(this.world);
    this.unhandled = network.unhandled;
    const state = initialState(scenario, this.world);
    const context = (n: Network) => ({
      fetch: network.fetch,
      now: () => this.engine.clock,
      config: { ...MOCK_CLIENTS[n], redirectUri: SIM_REDIRECT_URI },
      sleep: async () => {},
    });
    const store = {
      get: async (id: string) => this.tokens.get(id) ?? null,
      set: async (id: string, t: TokenSet) => void this.tokens.set(id, t),
    };
    const flow = createCodeFlow({
      adapters: ADAPTERS,
      context,
      // The person at the consent screen is signed in as the account being (re)connected, and allows.
      consent: async (url, account) => {
        this.world.signIn(account.network, account.id);
        const res = await network.fetch(url, { redirect: 'manual' });
        const location = res.headers.get('location');
        return location
          ? { ok: true, redirectUrl: location }
          : {
              ok: false,
              message: `The ${account.network} consent page answered ${res.status} without a redirect.`,
            };
      },
    });
    const connections = createConnections({ adapters: ADAPTERS, tokens: store, context });
    // The running product's token upkeep: renewals at their own instants, reported as `renew` rule steps.
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections });
    for (const a of scenario.accounts) {
      // Connected before the scenario starts: the product has been running, so its access token is fresh.
      if (a.state !== 'disconnected') {
        const tokens = this.world.grant(a.id, { at: ms(a.connectedAt), renewedAt: start });
        this.tokens.set(a.id, tokens);
        upkeep.note({ id: a.id, network: a.network }, tokens);
      }
    }
    this.engine = new Engine({
      state,
      clock: start,
      connections,
      upkeep,
      flow,
      tokens: store,
      media: placeholderMedia,
      // Every engine step, with the state right after it, in order (the report snapshots each step).
      onStep: (step, after) => void this.log.push({ step, state: after }),
    });
  }

  get now(): number {
    return this.engine.clock;
  }

  /** Rule steps up to `at` (strictly before it unless `inclusive`), each with the state right after it. */
  async advanceTo(at: number, inclusive = false): Promise<Stepped[]> {
    this.log = [];
    await this.engine.advance(at, inclusive);
    return this.log;
  }

  /** One scenario event at its instant (the caller has run the rules due before it), with the state after it. */
  async apply(e: ScenarioEvent): Promise<Stepped> {
    const at = ms(e.at);
    const { at: _at, ...event } = e;
    const network = NETWORK[e.type];
    if (network) {
      this.engine.clock = Math.max(this.engine.clock, at);
      network(this.world, e);
      const step = { at, source: 'scenario' as const, event, rejected: null, effects: [], notifications: [] };
      return { step, state: this.engine.state };
    }
    if (e.type === 'connect') this.world.addAccount({ id: e.account, network: e.network });
    const step =
      e.type === 'check'
        ? await this.engine.check(e.account ?? null, at, 'scenario')
        : await this.engine.act(action(e)!, at, 'scenario');
    return { step: { ...step, event }, state: this.engine.state };
  }
}

/** An engine step and the state right after it. */
export interface Stepped {
  step: EngineStep;
  state: State;
}

/**
 * A scenario run one event at a time (the extension's simulator panel steps through it; the CLI plays it):
 * rules due strictly before an event, the event, and after the last event the rules due at its instant.
 */
export class ScenarioRun {
  readonly scenario: Scenario;
  readonly steps: ReportStep[] = [];
  /** Per step, the refusal with its message key and params, so a UI can say it in the reader's language. */
  readonly refusals: Array<Rejection | null> = [];
  private readonly sim: Simulation;
  private readonly changedOnly: boolean;
  private readonly onStep: RunOptions['onStep'];
  private before: State;
  private next = 0;
  private finished = false;

  constructor(scenario: Scenario, opts: Pick<RunOptions, 'changedOnly' | 'transport' | 'onStep'> = {}) {
    this.scenario = scenario;
    this.sim = new Simulation(scenario, opts.transport);
    this.changedOnly = opts.changedOnly ?? false;
    this.onStep = opts.onStep;
    this.before = this.sim.engine.state;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Scenario events applied so far, and how many there are. */
  get progress(): { done: number; total: number } {
    return { done: this.next, total: this.scenario.events.length };
  }

  get now(): number {
    return this.sim.now;
  }

  get state(): State {
    return this.sim.engine.state;
  }

  /** Runs the next scenario event (with the rule steps due before it); returns the report steps it added. */
  async step(): Promise<ReportStep[]> {
    if (this.finished) return [];
    const from = this.steps.length;
    const events = this.scenario.events;
    const e = events[this.next];
    if (e) {
      for (const s of await this.sim.advanceTo(ms(e.at))) await this.record(s);
      await this.record(await this.sim.apply(e));
      this.next++;
    }
    if (this.next >= events.length) {
      for (const s of await this.sim.advanceTo(this.end(), true)) await this.record(s);
      this.finished = true;
      if (this.sim.unhandled.length > 0) {
        throw new Error(`The mock networks did not answer: ${[...new Set(this.sim.unhandled)].join(', ')}`);
      }
    }
    return this.steps.slice(from);
  }

  /** Runs every remaining event and returns the report. */
  async play(): Promise<Report> {
    while (!this.finished) await this.step();
    return this.report();
  }

  /** The report so far; `final` is the state at the last event (or now, mid-way). */
  report(): Report {
    const at = this.finished ? this.end() : this.sim.now;
    return { name: this.scenario.name, steps: [...this.steps], final: finalOf(this.sim.engine.state, at) };
  }

  private end(): number {
    const events = this.scenario.events;
    return events.length > 0 ? ms(events[events.length - 1]!.at) : ms(this.scenario.start);
  }

  private async record(s: Stepped): Promise<void> {
    const step = toReport(s, this.before, this.changedOnly);
    this.before = s.state;
    if (this.onStep) {
      await this.onStep(step);
      return;
    }
    this.refusals.push(s.step.rejected);
    this.steps.push(step);
  }
}

/** Run the whole scenario and build the report of scenario.md. */
export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<Report> {
  const run = new ScenarioRun(scenario, opts);
  while (!run.done) {
    await run.step();
    const { done, total } = run.progress;
    opts.onProgress?.({ event: done, events: total, at: run.now });
  }
  return run.report();
}

/**
 * For `changedOnly`: does the account differ in anything a reader follows? Status, reason, dates, settings,
 * posts, or the outcome of its last check; a routine check that only moved `lastCheck.at` does not count.
 * States are immutable, so an untouched account is the very same object.
 */
function changed(before: State | null, after: State, id: string): boolean {
  const a = after.accounts.get(id)!;
  const b = before?.accounts.get(id);
  if (!b) return true;
  if (before!.posts.get(id) !== after.posts.get(id)) return true;
  if (a === b) return false;
  for (const key of Object.keys(a) as (keyof typeof a)[]) {
    if (key === 'lastCheck' || key === 'stats') continue;
    if (a[key] !== b[key]) return true;
  }
  return a.lastCheck?.outcome !== b.lastCheck?.outcome;
}

function toReport({ step, state }: Stepped, before: State | null, changedOnly: boolean): ReportStep {
  const ids = changedOnly ? (before ? touched(before, state) : [...state.accounts.keys()]) : [];
  return {
    at: iso(step.at)!,
    event: publicEvent(step),
    source: step.source === 'rule' ? 'rule' : 'scenario',
    rejected: step.rejected ? { rule: step.rejected.rule, message: step.rejected.message } : null,
    accounts: changedOnly
      ? ids
          .filter((id) => changed(before, state, id))
          .map((id) => formatSnapshot(snapshot(state, state.accounts.get(id)!, step.at)))
      : accountsAt(state, step.at),
    notifications: step.notifications.map(formatNotification),
  };
}

/** Rule events lose their internal `due`; check steps show what the scenario asked. */
function publicEvent(step: EngineStep): ReportStep['event'] {
  const { due: _due, ...rest } = step.event as { due?: number; type: string };
  return rest;
}
