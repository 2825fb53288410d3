// OAuth 2.0 pieces shared by the adapters: the token-endpoint answer, turning it into a TokenSet, and
// authorize-URL building. Kept here so each network file stays a table of endpoints and choices.
import { z } from 'zod';
import type { Network } from '../core/schemas.ts';
import type { AdapterContext, Failure, Result, TokenSet } from './types.ts';

/** RFC 6749 §5.1 answer, plus LinkedIn's refresh_token_expires_in [LI-PRT]. */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/**
 * A token-endpoint answer as a TokenSet. With `previous` (a refresh):
 * - no refresh_token in the answer keeps the old one, never an empty one (Google may omit it [POSTIZ-YT]);
 * - a new refresh_token replaces it (X rotates them [X-ROT]);
 * - the refresh horizon never moves later: LinkedIn's 365 days run from first consent [LI-PRT].
 */
export function toTokenSet(
  answer: TokenResponse,
  now: number,
  defaults: { scopes: readonly string[]; previous?: TokenSet },
): TokenSet {
  const { previous } = defaults;
  const refreshExpiresAt =
    answer.refresh_token_expires_in !== undefined ? now + answer.refresh_token_expires_in * 1000 : null;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token || previous?.refreshToken || null,
    expiresAt: answer.expires_in && answer.expires_in > 0 ? now + answer.expires_in * 1000 : null,
    refreshExpiresAt: earliest(refreshExpiresAt, previous?.refreshExpiresAt ?? null),
    scopes: answer.scope
      ? answer.scope.split(/[\s,]+/).filter(Boolean)
      : [...(previous?.scopes ?? defaults.scopes)],
  };
}

export function authorizeUrl(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/** The client secret, or a Failure that says where to set it. */
export function clientSecret(ctx: AdapterContext, network: Network): Result<string> {
  const secret = ctx.config.clientSecret;
  if (secret) return { ok: true, value: secret };
  const missing: Failure = {
    kind: 'unavailable',
    retryAt: null,
    detail: `${network}: no client secret configured; set it for this network on the options page`,
  };
  return { ok: false, failure: missing };
}
