// Real mode: the real networks, OAuth through browser.identity.launchWebAuthFlow with the client ids from
// the options page, and a team of one: the person who installed is its super admin until configured.
import { browser } from 'wxt/browser';
import { createConnections } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type { AdapterContext } from '../../adapters/types.ts';
import { createState, type Network } from '../../core/index.ts';
import { createCodeFlow, type Launch } from '../../runtime/flow.ts';
import type { ClientSettings } from '../lib/types.ts';
import { flowWords } from './flow-words.ts';
import type { ModeSetup } from './mode.ts';
import type { Store } from './store.ts';

export const OWNER = 'me';

export async function productionSetup(store: Store): Promise<ModeSetup> {
  let clients: ClientSettings = (await store.get('clients')) ?? {};
  // https://<extension-id>.chromiumapp.org/ in Chrome; Firefox answers its own allizom.org URL.
  const redirectUri = browser.identity.getRedirectURL();
  const context = (network: Network): AdapterContext => ({
    // Resolved at call time: never a stale reference to the global fetch.
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    config: {
      clientId: clients[network]?.clientId ?? '',
      ...(clients[network]?.clientSecret ? { clientSecret: clients[network]!.clientSecret } : {}),
      redirectUri,
    },
  });
  // The consent window cannot be closed from here: when the flow gives up waiting (runtime/flow.ts), a
  // late answer from it is simply ignored.
  const launch: Launch = async (url) => {
    const redirect = await browser.identity.launchWebAuthFlow({ url, interactive: true });
    if (!redirect) throw new Error('no redirect');
    return redirect;
  };
  return {
    mode: 'production',
    connections: createConnections({ adapters: ADAPTERS, tokens: store.tokens(), context }),
    flow: createCodeFlow({ adapters: ADAPTERS, context, launch, words: flowWords }),
    seed: async () => ({
      state: createState({
        users: [{ id: OWNER, superAdmin: true, permission: 'all-accounts' }],
        accounts: [],
      }),
      me: OWNER,
      tokens: {},
    }),
    setClients: (next) => {
      clients = next;
    },
  };
}
