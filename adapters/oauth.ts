// The one OAuth 2.0 engine (issue #14). Each network declares its OAuth as data (types.ts `OAuthData`:
// endpoints, scopes, PKCE, client authentication, extra parameters, token policy, Meta's token swaps);
// `oauth2()` merges it with DEFAULTS in this one place, the way Auth.js merges its plain provider objects
// once (nextauthjs/next-auth packages/core/src/lib/utils/providers.ts), and builds from it the authorize URL,
// the code exchange and the refresh. Every token-endpoint answer goes through the network's classifier
// behind `tokenEndpoint`: only a refusal the network explains is a verdict on the grant (R11, R12).
import { z } from 'zod/mini';
import type { Network } from '../core/schemas.ts';
import { authError, hasOAuthError, MINUTE_MS, tokenEndpoint, unavailable } from './classify.ts';
import { failure, type HttpRequest, send } from './http.ts';
import { scrub } from './secrets.ts';
import type {
  AdapterContext,
  ClientAuth,
  Failure,
  NetworkAdapter,
  OAuthConfig,
  OAuthData,
  Result,
  TokenAnswer,
  TokenSet,
  TokenSwap,
} from './types.ts';

/** RFC 6749 §5.1 answer, plus LinkedIn's refresh_token_expires_in [LI-PRT]. */
export const TokenResponse = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.optional(z.number()),
  refresh_token: z.optional(z.string()),
  refresh_token_expires_in: z.optional(z.number()),
  scope: z.optional(z.string()),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** What a network leaves out of its OAuthData. */
export const DEFAULTS = {
  authorizeParams: {},
  scopeSeparator: ' ',
  pkce: false,
  tokenMethod: 'POST',
  tokenParams: {},
  // RFC 7591 §2: client_secret_basic when a client registers no method; RFC 6749 §2.3.1: servers MUST take it.
  client: { auth: 'basic', secret: 'required' },
  // Short-lived access tokens renewed with the refresh grant by the call that needs one (R12).
  tokens: { renew: 'refresh-token', ahead: 5 * MINUTE_MS, upkeep: 'on-use' },
  explained: (_status: number, body: unknown) => hasOAuthError(body),
  codeAnswer: TokenResponse,
  longLived: null,
  renewal: null,
  noRefreshToken: 'none was granted',
} as const satisfies Omit<
  OAuthConfig,
  'id' | 'issuer' | 'authorize' | 'token' | 'scopes' | 'classify' | 'classifyToken'
>;

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/**
 * A token-endpoint answer as a TokenSet. With `previous` (a refresh, or the long-lived swap):
 * - no refresh_token in the answer keeps the old one, never an empty one (Google may omit it [POSTIZ-YT]);
 * - a new refresh_token replaces it (X rotates them [X-ROT]);
 * - the refresh horizon never moves later: LinkedIn's 365 days run from first consent [LI-PRT];
 * - no scope in the answer keeps the previous scopes, else the asked-for ones.
 */
export function toTokenSet(
  answer: TokenAnswer,
  now: number,
  defaults: { scopes: readonly string[]; previous?: TokenSet | undefined },
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

/** The client secret, or a Failure that says where to set it. */
export function clientSecret(ctx: AdapterContext, network: Network): Result<string> {
  const secret = ctx.config.clientSecret;
  if (secret) return { ok: true, value: secret };
  const missing: Failure = unavailable(
    `${network}: no client secret configured; it is needed at the token exchange and only the team server keeps one (its config file or environment), never the extension`,
  );
  return { ok: false, failure: missing };
}

/** The client parameters each style sends; `basic` sends an Authorization header instead (RFC 6749 §2.3.1). */
const CLIENT_PARAMS: Record<ClientAuth, ReadonlyArray<'client_id' | 'client_secret'>> = {
  basic: [],
  post: ['client_id', 'client_secret'],
  public: ['client_id'],
  secret: ['client_secret'],
  none: [],
};

/**
 * The client credentials of a token-endpoint request, as the parameters and headers it carries. `grant`
 * resolves to the network's `client.auth` when a secret is configured, else to a public client where the
 * secret is optional (X [X-UAT], Google Chrome-app clients [G-WEBSERVER]), else to the "no client secret"
 * failure.
 */
export function credentials(
  config: OAuthConfig,
  ctx: AdapterContext,
  auth: ClientAuth | 'grant',
): Result<Pick<HttpRequest, 'headers'> & { params: Record<string, string> }> {
  const { clientId, clientSecret: secret = '' } = ctx.config;
  const how =
    auth !== 'grant' ? auth : secret || config.client.secret === 'required' ? config.client.auth : 'public';
  const names = CLIENT_PARAMS[how];
  if (how === 'basic' || names.includes('client_secret')) {
    const known = clientSecret(ctx, config.id);
    if (!known.ok) return known;
  }
  const values = { client_id: clientId, client_secret: secret };
  return {
    ok: true,
    value: {
      params: Object.fromEntries(names.map((name) => [name, values[name]])),
      headers: how === 'basic' ? { Authorization: basicAuthorization(clientId, secret) } : {},
    },
  };
}

/**
 * `Basic` values by `id:secret`, kept: every refresh of every account sends one of a handful (one per
 * network's client), and encoding it each time cost more than the rest of the credentials (profile of the
 * README's scale scenario). Cleared past a few entries, so clients that come and go cannot grow it.
 */
const BASIC = new Map<string, string>();

/** RFC 7617 `Basic base64(id:secret)`, from UTF-8 bytes: the same as btoa for ASCII, and no throw otherwise. */
function basicAuthorization(clientId: string, secret: string): string {
  const pair = `${clientId}:${secret}`;
  let value = BASIC.get(pair);
  if (value === undefined) {
    value = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(pair)))}`;
    if (BASIC.size >= 16) BASIC.clear();
    BASIC.set(pair, value);
  }
  return value;
}

/** OAuthData merged with DEFAULTS: the one place a default is decided. */
export function configure(data: OAuthData): OAuthConfig {
  const merged = {
    ...DEFAULTS,
    ...data,
    client: { ...DEFAULTS.client, ...data.client },
    tokens: { ...DEFAULTS.tokens, ...data.tokens },
  };
  return { ...merged, classifyToken: tokenEndpoint(merged.issuer, merged.classify, merged.explained) };
}

export type OAuth2 = OAuthConfig & Pick<NetworkAdapter, 'authorizeUrl' | 'exchangeCode' | 'refresh'>;

/** A network's OAuth data, merged, with the authorize URL, code exchange and refresh built from it. */
export function oauth2(data: OAuthData): OAuth2 {
  const config = configure(data);

  /**
   * One call to a token endpoint: the grant's parameters and the client's credentials, a POST form (RFC 6749
   * §3.2) or, for Meta's GETs [FB-LL], a query; the answer classified (R11, R12) and made a TokenSet.
   */
  async function tokenCall(
    ctx: AdapterContext,
    url: string,
    method: 'GET' | 'POST',
    params: Record<string, string>,
    auth: ClientAuth | 'grant',
    previous?: TokenSet,
    answer: z.core.$ZodType<TokenAnswer> = TokenResponse,
  ): Promise<Result<TokenSet>> {
    const client = credentials(config, ctx, auth);
    if (!client.ok) return client;
    const all = { ...params, ...client.value.params };
    const request: HttpRequest = {
      method,
      url,
      headers: client.value.headers,
      [method === 'GET' ? 'query' : 'form']: all,
    };
    const sent = await send(ctx, request, answer, config.classifyToken);
    if (!sent.ok) return sent;
    return { ok: true, value: toTokenSet(sent.value.body, ctx.now(), { scopes: config.scopes, previous }) };
  }

  /** Meta's swap of a still-valid access token for a new one: a GET, everything in the query. */
  const swap = (ctx: AdapterContext, how: TokenSwap, tokens: TokenSet) =>
    tokenCall(
      ctx,
      how.url,
      'GET',
      { grant_type: how.grant, [how.param]: tokens.accessToken },
      how.client,
      tokens,
    );

  return {
    ...config,

    authorizeUrl(ctx, req) {
      const url = new URL(config.authorize);
      const params = {
        response_type: 'code',
        client_id: ctx.config.clientId,
        redirect_uri: ctx.config.redirectUri,
        scope: config.scopes.join(config.scopeSeparator),
        state: req.state,
        // RFC 7636 §4.3: only where the network takes PKCE; a challenge elsewhere would be noise at best.
        ...(config.pkce ? { code_challenge: req.codeChallenge, code_challenge_method: 'S256' } : {}),
        ...config.authorizeParams,
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.toString();
    },

    // RFC 6749 §4.1.3, then Meta's long-lived swap where the data has one. Every secret the flow handled
    // (code, verifier, the short-lived token) is kept out of the failure's detail, whichever step failed.
    async exchangeCode(ctx, { code, codeVerifier }) {
      const params = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: ctx.config.redirectUri,
        ...(config.pkce ? { code_verifier: codeVerifier } : {}),
        ...config.tokenParams,
      };
      const first = await tokenCall(
        ctx,
        config.token,
        config.tokenMethod,
        params,
        'grant',
        undefined,
        config.codeAnswer,
      );
      const result = first.ok && config.longLived ? await swap(ctx, config.longLived, first.value) : first;
      return scrub(result, [code, codeVerifier, first.ok ? first.value.accessToken : null]);
    },

    // RFC 6749 §6 with the stored refresh token, or Meta's renewal swap (`tokens.renew: 'self'`).
    async refresh(ctx, tokens) {
      if (config.tokens.renew === 'self') {
        if (config.renewal) return swap(ctx, config.renewal, tokens);
        return failure(unavailable(`${config.id}: no renewal data`));
      }
      if (!tokens.refreshToken) {
        const detail = `${config.id}: no refresh token (${config.noRefreshToken}); reconnect`;
        return failure(authError('token-expired', detail));
      }
      const params = {
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        ...config.tokenParams,
      };
      return tokenCall(ctx, config.token, config.tokenMethod, params, 'grant', tokens);
    },
  };
}
