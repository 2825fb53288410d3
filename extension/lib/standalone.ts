// Which networks connect from the extension alone (issue #16 "Standalone mode stays"): only X, a public
// client with PKCE (RFC 7636) that needs no secret [X-AC]. Facebook (fb_exchange_token), Instagram
// (ig_exchange_token), LinkedIn (PKCE only for approved native apps) and Google (a web client for
// launchWebAuthFlow) need the app secret at the token exchange (shared/design.md, "Facts verified"), and
// the extension never holds an app secret: those connect through the team server, which keeps it. The
// simulation build's networks are the mock networks, whose clients are the simulated world's: all connect;
// so does every network on a team, through the server.
// Pure strings for the pages; no zod, no browser calls beyond the catalogue.
import type { Network } from '../../core/schemas.ts';
import { t } from './i18n.ts';
import { NETWORK_LABEL } from './present.ts';
import type { PopupView } from './types.ts';

/** True where the network's token exchange works without an app secret. */
export const STANDALONE: Record<Network, boolean> = {
  x: true,
  facebook: false,
  instagram: false,
  linkedin: false,
  youtube: false,
};

const NETWORKS = Object.keys(NETWORK_LABEL) as Network[];

/**
 * Whether `network` can be connected in this mode: on a team every network connects through the server
 * (which holds the secrets); alone, only the simulation's networks and those needing no secret.
 */
export const connectsHere = (mode: PopupView['mode'], network: Network) =>
  mode === 'simulation' || mode === 'team' || STANDALONE[network];

/** What the "Connect account" offer says: a button per network that connects here, and why the rest do not. */
export interface ConnectText {
  title: string;
  networks: Array<{ network: Network; label: string }>;
  /** Production: the networks that need the team server, and how to run it. */
  note: string | null;
}

export function connectText(mode: PopupView['mode']): ConnectText {
  const here = NETWORKS.filter((n) => connectsHere(mode, n));
  return {
    title: t('connectAccount'),
    networks: here.map((network) => ({ network, label: t('connectNetwork', t(NETWORK_LABEL[network])) })),
    note: here.length < NETWORKS.length ? t('connectNeedsServer') : null,
  };
}
