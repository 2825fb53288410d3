// The real networks: the adapters' context with the client ids and secrets from the server's
// configuration (never from a browser) and the server's own OAuth callback as redirect URI.
import type { Network } from '../core/index.ts';
import type { Config } from './config.ts';
import type { NetworkSide } from './teams.ts';

export const CALLBACK_PATH = '/oauth/callback';

export function realNetworks(config: Config, publicUrl: () => string): NetworkSide {
  return {
    context: (network: Network) => {
      const client = config.clients[network];
      return {
        // Resolved at call time, never a stale reference to the global fetch.
        fetch: (input, init) => fetch(input, init),
        now: Date.now,
        config: {
          clientId: client?.clientId ?? '',
          ...(client?.clientSecret ? { clientSecret: client.clientSecret } : {}),
          redirectUri: `${publicUrl()}${CALLBACK_PATH}`,
        },
      };
    },
    configured: (network: Network) => Boolean(config.clients[network]?.clientId),
  };
}
