// The simulation build's mode: the simulated world of sim/world/ (the mock networks answering every network
// call inside the service worker through MSW's handlers, the same wiring the headless simulator and the
// server's simulation mode use), the demo team's accounts and tokens, and consents through the extension's
// consent page. Only background/main.ts imports this, behind import.meta.env.MODE, so production builds
// leave it out.
import './local-storage.ts';
import type { RequestHandler } from 'msw';
import { browser } from 'wxt/browser';
import { createConnections } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type { TokenSet } from '../../adapters/types.ts';
import type { State } from '../../core/index.ts';
import { isWorldSnapshot, restoreWorld } from '../../mocks/snapshot.ts';
import type { MockWorld } from '../../mocks/world.ts';
import { createCodeFlow } from '../../runtime/flow.ts';
import { SimClock } from '../../sim/world/clock.ts';
import { simulatedNetworks } from '../../sim/world/networks.ts';
import { flowWords } from '../background/flow-words.ts';
import type { ModeSetup } from '../background/mode.ts';
import type { Store } from '../background/store.ts';
import { createConsentLauncher } from './consent.ts';
import { DEMO_SEED, demoTeam, rebuildWorld } from './demo.ts';
import { createSimulator } from './simulator.ts';

export interface SimulationOptions {
  /** The first run's team in the world (default: the demo team). */
  team?: (world: MockWorld, now: number) => { state: State; me: string; tokens: Record<string, TokenSet> };
  /** The world's seed (default: the demo team's). */
  seed?: number;
  /** Default: the wall clock plus the stored offset. */
  clock?: SimClock;
  /** MSW handlers ahead of the mock networks' (tests: a network answering what the world cannot). */
  overrides?: readonly RequestHandler[];
}

export async function simulationSetup(store: Store, opts: SimulationOptions = {}): Promise<ModeSetup> {
  // The simulated clock: the wall clock plus the offset the simulator panel's "advance" moved it by. The
  // mock networks, the adapters and the rules all read it, so a token expires when the rules think it does.
  const clock = opts.clock ?? new SimClock((await store.get('clockOffset')) ?? 0);
  const networks = simulatedNetworks({
    now: clock.now,
    seed: opts.seed ?? DEMO_SEED,
    redirectUri: browser.identity.getRedirectURL(),
    overrides: opts.overrides,
  });
  const { world } = networks;

  const stored = await store.get('state');
  if (stored) {
    await store.commit({ tokens: rebuildWorld(world, stored) });
    // Faults injected before the service worker stopped are put back on the rebuilt accounts.
    const snap = await store.get('world');
    if (isWorldSnapshot(snap)) restoreWorld(world, snap);
  }

  const consent = createConsentLauncher(networks);
  const team = opts.team ?? demoTeam;
  return {
    mode: 'simulation',
    connections: createConnections({ adapters: ADAPTERS, tokens: store.tokens(), context: networks.context }),
    flow: createCodeFlow({
      adapters: ADAPTERS,
      context: networks.context,
      launch: consent.launch,
      words: flowWords,
    }),
    seed: async (now) => team(world, now),
    answerConsent: consent.answer,
    now: clock.now,
    logChecks: true,
    simulate: createSimulator({ world, clock }),
  };
}
