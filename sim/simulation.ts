// One scenario run's pieces, wired once: the simulated networks (sim/world/), the scenario's team, the real
// adapters and the Engine with the same OAuth flow and the same sweep as every other shell (runtime/). It
// applies one scenario event at a time; the runner (runner.ts) decides what runs when.
import type { RequestHandler } from 'msw';
import { createConnections, type TokenStore } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import type { TokenSet } from '../adapters/types.ts';
import type { MockWorld } from '../mocks/world.ts';
import { Engine, type EngineStep } from '../runtime/engine.ts';
import { createCodeFlow, englishFlowWords } from '../runtime/flow.ts';
import { sweep } from '../runtime/sweep.ts';
import { Upkeep } from '../runtime/upkeep.ts';
import { actionOf, faultOfEvent } from './events.ts';
import { placeholderMedia } from './media.ts';
import { ruleStep, type Stepped, scenarioStep } from './report-steps.ts';
import type { Scenario, ScenarioEvent } from './scenario.ts';
import { type SimulatedNetworks, simulatedNetworks } from './world/networks.ts';
import { SIM_REDIRECT_URI, SIM_SEED, scenarioTeam } from './world/team.ts';

export { SIM_REDIRECT_URI, SIM_SEED } from './world/team.ts';

const ms = (iso: string) => Date.parse(iso);

/** Tokens in memory: the run is over when the process ends. */
function memoryTokens(): TokenStore {
  const tokens = new Map<string, TokenSet>();
  return {
    get: async (id) => tokens.get(id) ?? null,
    set: async (id, t) => void tokens.set(id, t),
  };
}

/** A simulation: the world, the networks behind MSW, the engine; the panel drives one step at a time. */
export class Simulation {
  readonly world: MockWorld;
  readonly engine: Engine;
  readonly unhandled: string[];
  readonly scenario: Scenario;
  private readonly networks: SimulatedNetworks;
  private log: Stepped[] = [];

  /** `overrides`: MSW handlers ahead of the mock networks' (sim/world/networks.ts). */
  constructor(
    scenario: Scenario,
    transport: 'msw' | 'direct' = 'msw',
    overrides: readonly RequestHandler[] = [],
  ) {
    this.scenario = scenario;
    const start = ms(scenario.start);
    // The mock networks live on the engine's clock, so a token expires exactly when the rules think it does.
    const networks = simulatedNetworks({
      now: () => this.engine?.clock ?? start,
      seed: SIM_SEED,
      transport,
      redirectUri: SIM_REDIRECT_URI,
      overrides,
    });
    this.networks = networks;
    this.world = networks.world;
    this.unhandled = networks.unhandled;
    const team = scenarioTeam(scenario, this.world);
    const tokens = memoryTokens();
    const connections = createConnections({ adapters: ADAPTERS, tokens, context: networks.context });
    // The running product's token upkeep: renewals at their own instants, reported as `renew` rule steps.
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections });
    for (const [id, set] of Object.entries(team.tokens)) {
      void tokens.set(id, set);
      upkeep.note({ id, network: team.state.accounts.get(id)!.network }, set);
    }
    this.engine = new Engine({
      state: team.state,
      clock: start,
      connections,
      upkeep,
      // The extension's flow, with the consent played by the world: the person allows.
      flow: createCodeFlow({
        adapters: ADAPTERS,
        context: networks.context,
        words: englishFlowWords,
        launch: (url, account) => networks.consent(url, account),
      }),
      tokens,
      media: placeholderMedia,
      // Every rule step, with the state right after it, in order (the report snapshots each step).
      onStep: (step, after) => {
        if (step.source === 'rule') this.log.push(ruleStep(step, after));
      },
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

  /** One scenario event at its instant (the caller has run the rules due before it), as one report step. */
  async apply(e: ScenarioEvent): Promise<Stepped> {
    const at = ms(e.at);
    const { at: _at, ...event } = e;
    const fault = faultOfEvent(e);
    let steps: EngineStep[] = [];
    if (fault) {
      // The world changes; the product learns of it at the next check, renewal or publish.
      this.engine.clock = Math.max(this.engine.clock, at);
      this.networks.inject(fault);
    } else if (e.type === 'check') {
      // A scenario's check stands for the periodic health check (scenario.md): the shells' one sweep.
      steps = e.account
        ? [await this.engine.check(e.account, at, 'scenario')]
        : await sweep(this.engine, at, 'scenario');
    } else {
      if (e.type === 'connect') this.world.addAccount({ id: e.account, network: e.network });
      steps = [await this.engine.act(actionOf(e)!, at, 'scenario')];
    }
    return scenarioStep(event, at, steps, this.engine.state);
  }
}
