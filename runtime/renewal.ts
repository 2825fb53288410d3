// When a stored token must be renewed on the product's own initiative (scenario.md: "the upkeep it does on its
// own happens at its own instant"), read from the adapter's token policy (adapters/types.ts TokenPolicy).
// Pure: the index that orders these instants is runtime/upkeep.ts.
import type { TokenPolicy, TokenSet } from '../adapters/types.ts';

export interface Renewal {
  /** When to renew. */
  at: number;
  /** From this instant on a renewal can no longer work (the token or the refresh token is dead). */
  until: number;
}

const NEVER = Number.POSITIVE_INFINITY;

/**
 * The next renewal of `tokens`, or null when none is due on a schedule:
 * - `self` (Meta): `expiresAt - ahead`, while the token still lives (an expired one cannot renew itself
 *   [FB-LL][IG-REFRESH]); a token without expiry (a Facebook Page token) never;
 * - `refresh-token`, `scheduled` (LinkedIn): `expiresAt - ahead`, as long as renewing buys time (LinkedIn's
 *   refresh horizon caps the access token [LI-PRT]: at the horizon there is nothing left to gain);
 * - `keepAlive` (Google): `expiresAt + every`. The refresh token was last used when the access token was
 *   issued, which is before `expiresAt`, so it is used again within `every` (+ one access lifetime) of its
 *   last use, well inside `idle`; after `expiresAt + idle` it is certainly dead.
 */
export function renewalOf(policy: TokenPolicy, tokens: TokenSet): Renewal | null {
  if (tokens.expiresAt === null) return null;
  if (policy.renew === 'self') {
    return policy.upkeep === 'scheduled'
      ? { at: tokens.expiresAt - policy.ahead, until: tokens.expiresAt }
      : null;
  }
  if (!tokens.refreshToken) return null;
  const horizon = tokens.refreshExpiresAt ?? NEVER;
  const instants: number[] = [];
  let until = horizon;
  if (policy.upkeep === 'scheduled' && tokens.expiresAt < horizon)
    instants.push(tokens.expiresAt - policy.ahead);
  if (policy.keepAlive) {
    instants.push(tokens.expiresAt + policy.keepAlive.every);
    until = Math.min(until, tokens.expiresAt + policy.keepAlive.idle);
  }
  if (instants.length === 0) return null;
  return { at: Math.min(...instants), until };
}
