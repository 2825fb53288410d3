// A scenario file's team at its start, in the simulated world: the core state (sim/ runs it, and so can any
// shell replaying the file) and the tokens the running product holds, granted by the mock networks. Each
// account is added to the world first, so its identity (and the profile the rules compare on a reconnect,
// R4) follows from the world's seed and the account id.
import type { TokenSet } from '../../adapters/types.ts';
import { type AccountInput, createState, type State } from '../../core/index.ts';
import type { MockWorld } from '../../mocks/world.ts';
import { normalizeAccess } from '../events.ts';
import type { Scenario } from '../scenario.ts';

/** The world's seed for scenario runs: the same file gives the same identities and tokens everywhere. */
export const SIM_SEED = 20260101;
/** Where the mock networks send a scenario's consents back to; never fetched. */
export const SIM_REDIRECT_URI = 'https://social-health.invalid/oauth/callback';

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

/**
 * The state and, for every account connected at the start, the tokens the product holds: the product has
 * been running, so each access token was renewed at the start (its grant dates from `connectedAt`).
 */
export function scenarioTeam(
  s: Scenario,
  world: MockWorld,
): { state: State; tokens: Record<string, TokenSet> } {
  const state = initialState(s, world);
  const start = ms(s.start);
  const tokens: Record<string, TokenSet> = {};
  for (const a of s.accounts) {
    if (a.state !== 'disconnected')
      tokens[a.id] = world.grant(a.id, { at: ms(a.connectedAt), renewedAt: start });
  }
  return { state, tokens };
}
