// The simulation build's mode: MSW answers every network call inside the service worker (design.md: MSW 3's
// defineNetwork + InterceptorSource with @mswjs/interceptors' FetchInterceptor), the mock world holds the
// demo team's accounts and tokens, and reconnects go through the extension's consent page.
// Only background/main.ts imports this, behind import.meta.env.MODE, so production builds leave it out.
import './local-storage.ts';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { defineNetwork, InterceptorSource } from 'msw/experimental';
import { browser } from 'wxt/browser';
import { createConnections } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type { AdapterContext } from '../../adapters/types.ts';
import type { Network } from '../../core/index.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createHandlers } from '../../mocks/handlers/index.ts';
import { isWorldSnapshot, restoreWorld } from '../../mocks/snapshot.ts';
import { createWorld } from '../../mocks/world.ts';
import { createAuthFlow } from '../background/auth-flow.ts';
import type { ModeSetup } from '../background/service.ts';
import type { Store } from '../background/store.ts';
import { createConsentLauncher } from './consent.ts';
import { DEMO_SEED, demoTeam, rebuildWorld } from './demo.ts';
import { createSimulator, SimClock } from './simulator.ts';

export async function simulationSetup(store: Store): Promise<ModeSetup> {
  // The simulated clock: the wall clock plus the offset the simulator panel's "advance" moved it by. The
  // mock networks, the adapters and the rules all read it, so a token expires when the rules think it does.
  const clock = new SimClock((await store.get('clockOffset')) ?? 0);
  const world = createWorld({ now: clock.now, seed: DEMO_SEED, logCalls: false });
  const network = defineNetwork({
    sources: [new InterceptorSource({ interceptors: [new FetchInterceptor()] })],
    handlers: createHandlers(world),
    // The simulation must never reach a real network: anything the mocks do not serve fails loudly.
    onUnhandledFrame: 'error',
    // One console group per request would drown the service worker's console.
    context: { quiet: true },
  });
  await network.enable();

  const stored = await store.get('state');
  if (stored) {
    await store.commit({ tokens: rebuildWorld(world, stored) });
    // Faults injected before the service worker stopped are put back on the rebuilt accounts.
    const snap = await store.get('world');
    if (isWorldSnapshot(snap)) restoreWorld(world, snap);
  }

  const redirectUri = browser.identity.getRedirectURL();
  const context = (n: Network): AdapterContext => ({
    fetch: (input, init) => fetch(input, init),
    now: clock.now,
    config: { ...MOCK_CLIENTS[n], redirectUri },
  });
  const consent = createConsentLauncher(world);
  return {
    mode: 'simulation',
    connections: createConnections({ adapters: ADAPTERS, tokens: store.tokens(), context }),
    flow: createAuthFlow({ adapters: ADAPTERS, context, launch: consent.launch }),
    seed: async (now) => demoTeam(world, now),
    answerConsent: consent.answer,
    now: clock.now,
    logChecks: true,
    simulate: createSimulator({ world, clock }),
  };
}
