// The simulated networks wired to the adapters, once for every shell that simulates (issue #14): the
// headless simulator, the extension's simulation build and the team server's simulation mode. The mock world
// (mocks/world.ts) answers through its MSW handlers (or their own dispatch: the same code, the same bytes,
// sim/fetch.ts), the adapters get the mock networks' OAuth clients and the shell's redirect URI, and the
// consent answer is played here: the person at the network's consent page is signed in as the account
// being (re)connected and allows, or cancels. Nothing here reaches a real network: an address no mock
// serves fails loudly and is listed in `unhandled`.
import type { RequestHandler } from 'msw';
import type { AccountRef } from '../../adapters/connection.ts';
import type { AdapterContext } from '../../adapters/types.ts';
import type { Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createWorld, type MockWorld } from '../../mocks/world.ts';
import { ConsentError } from '../../runtime/flow.ts';
import { directFetch, type MswFetch, mswFetch } from '../fetch.ts';
import type { Fault } from './faults.ts';
import { injectFault } from './inject.ts';

export interface SimulatedNetworksOptions {
  /** The simulated clock: the mock networks and the adapters read it. */
  now: () => number;
  /** The world's seed: the same seed and the same calls give the same identities and tokens. */
  seed: number;
  /** `msw` (default): MSW's `getResponse` over the handlers; `direct`: the mocks' own dispatch (3x faster). */
  transport?: 'msw' | 'direct';
  /** Where the networks send the consent back to (read per call: a server learns its public URL late). */
  redirectUri: string | (() => string);
  /** Added before every answer (the server's simulation mode, to watch progress as a person would). */
  latencyMs?: number;
  /**
   * MSW handlers put before the mock networks' own (transport `msw`): a network answering something the
   * world cannot be told to (a forged consent redirect, in a test), the way MSW scenarios override.
   */
  overrides?: readonly RequestHandler[];
}

export interface SimulatedNetworks {
  world: MockWorld;
  fetch: typeof fetch;
  /** Requests no mock answered: a gap in the mocks, an internal error for whoever runs the simulation. */
  unhandled: string[];
  /** The adapters' context for a network: this fetch, the simulated clock, the mock OAuth client. */
  context(network: Network): AdapterContext;
  /**
   * The consent page's answer for `account`: the URL the network redirects back to, with a code (allow) or
   * its own "access denied" parameters (cancel, mocks/handlers/consent.ts). A ConsentError when the page
   * answers without a redirect (e.g. the account no longer exists).
   */
  consent(authorizeUrl: string, account: AccountRef, allow?: boolean): Promise<string>;
  /** A fault of the vocabulary, now (faults.ts). */
  inject(fault: Fault): void;
}

/** `overrides` answer first; what they leave goes to the mock networks (MSW loaded only when used). */
function overridden(overrides: readonly RequestHandler[], own: MswFetch): MswFetch {
  const list = [...overrides];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { getResponse } = await import('msw');
    const answer = await getResponse(list, new Request(input, init));
    return answer ?? own.fetch(input, init);
  };
  return { fetch: fetchFn as typeof fetch, unhandled: own.unhandled };
}

export function simulatedNetworks(opts: SimulatedNetworksOptions): SimulatedNetworks {
  const world = createWorld({ now: opts.now, seed: opts.seed, logCalls: false });
  const own = opts.transport === 'direct' ? directFetch(world) : mswFetch(world);
  const network = opts.overrides?.length ? overridden(opts.overrides, own) : own;
  const latency = opts.latencyMs ?? 0;
  const fetchFn: typeof fetch = latency
    ? async (input, init) => {
        await new Promise((resolve) => setTimeout(resolve, latency));
        return network.fetch(input, init);
      }
    : network.fetch;
  const redirectUri =
    typeof opts.redirectUri === 'string' ? () => opts.redirectUri as string : opts.redirectUri;
  return {
    world,
    fetch: fetchFn,
    unhandled: network.unhandled,
    context: (n) => ({
      fetch: fetchFn,
      now: opts.now,
      config: { ...MOCK_CLIENTS[n], redirectUri: redirectUri() },
      // Waiting between retries is pointless on a simulated clock.
      sleep: async () => {},
    }),
    async consent(authorizeUrl, account, allow = true) {
      world.signIn(account.network, account.id);
      const target = allow ? authorizeUrl : `${authorizeUrl}&mock_consent=deny`;
      const answer = await fetchFn(target, { redirect: 'manual' });
      const location = answer.headers.get('location');
      if (location) return location;
      throw new ConsentError(
        `the consent page answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`,
      );
    },
    inject: (fault) => injectFault(world, fault),
  };
}
