// Real mode: the real networks, OAuth through browser.identity.launchWebAuthFlow with the client ids from
// the options page, and a team of one: the person who installed is its super admin until configured.
import { browser } from 'wxt/browser';
import { createConnections } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type { AdapterContext } from '../../adapters/types.ts';
import { createState, type Network } from '../../core/index.ts';
import type { AuthFlow } from '../../runtime/engine.ts';
import { createCodeFlow, type Launch } from '../../runtime/flow.ts';
import { t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';
import { STANDALONE } from '../lib/standalone.ts';
import type { ClientSettings } from '../lib/types.ts';
import { ClockGuard } from './clock-guard.ts';
import { flowWords } from './flow-words.ts';
import type { ModeSetup } from './mode.ts';
import type { Store } from './store.ts';

export const OWNER = 'me';

/** A consent for a network whose token exchange needs an app secret says to use the team server instead. */
export const standaloneOnly =
  (flow: AuthFlow): AuthFlow =>
  async (account, opts) =>
    STANDALONE[account.network]
      ? flow(account, opts)
      : { ok: false, message: t('needsServer', t(NETWORK_LABEL[account.network])) };

export async function productionSetup(store: Store): Promise<ModeSetup> {
  let clients: ClientSettings = (await store.get('clients')) ?? {};
  const guard = new ClockGuard(await store.get('clockJump'));
  // https://<extension-id>.chromiumapp.org/ in Chrome; Firefox answers its own allizom.org URL.
  const redirectUri = browser.identity.getRedirectURL();
  const context = (network: Network): AdapterContext => ({
    // Resolved at call time: never a stale reference to the global fetch. Every answer's `Date` can confirm
    // a jump of the computer's clock (clock-guard.ts).
    fetch: async (input, init) => {
      const answer = await fetch(input, init);
      guard.networkTime(answer.headers.get('date'), Date.now());
      return answer;
    },
    now: Date.now,
    // Never a client secret (issue #16): X is a public client with PKCE; the others connect through the
    // team server (lib/standalone.ts), so the flow below refuses them before any consent opens.
    config: { clientId: clients[network]?.clientId ?? '', redirectUri },
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
    clockGuard: guard,
    connections: createConnections({ adapters: ADAPTERS, tokens: store.tokens(), context }),
    flow: standaloneOnly(createCodeFlow({ adapters: ADAPTERS, context, launch, words: flowWords })),
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
