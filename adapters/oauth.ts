// The one OAuth 2.0 engine (issue #14). Each network declares its OAuth as data (types.ts `OAuthData`:
// endpoints, scopes, PKCE, client authentication, extra parameters, token policy, Meta's token swaps);
// `oauth2()` merges it with DEFAULTS in this one place, the way Auth.js merges its plain provider objects
// once (nextauthjs/next-auth packages/core/src/lib/utils/providers.ts), and builds from it the authorize URL,
// the code exchange and the refresh. Every token-endpoint answer goes through the network's classifier
// behind `tokenEndpoint`: only a refusal the network explains is a verdict on the grant (R11, R12).
import { z } from 'zod';
import type { Network } from '../core/schemas.ts';
import { authError, hasOAuthError, MINUTE_MS, tokenEndpoint } from './classify.ts';
import { failure, type HttpRequest, redact, send } from './http.ts';
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
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
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
  const missing: Failure = {
    kind: 'unavailable',
    retryAt: null,
    detail: `${network}: no client secret configured; set it for this network on the options page`,
  };
  return { ok: false, failure: missing };
}

/** Base64 of the UTF-8 bytes: the same as btoa for ASCII, and never throws on other characters. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface Credentials {
  params: Record<string, string>;
  headers: Record<string, string>;
}

/**
 * The client credentials a token-endpoint request carries. `grant` resolves to the network's `client.auth`
 * when a secret is configured, else to a public client where the secret is optional (X [X-UAT], Google
 * Chrome-app clients [G-WEBSERVER]), else to the "no client secret" failure.
 */
export function credentials(
  config: OAuthConfig,
  ctx: AdapterContext,
  auth: ClientAuth | 'grant',
): Result<Credentials> {
  const { clientId, clientSecret: secret } = ctx.config;
  const how =
    auth !== 'grant' ? auth : secret || config.client.secret === 'required' ? config.client.auth : 'public';
  if (how === 'none') return { ok: true, value: { params: {}, headers: {} } };
  if (how === 'public') return { ok: true, value: { params: { client_id: clientId }, headers: {} } };
  const known = clientSecret(ctx, config.id);
  if (!known.ok) return known;
  if (how === 'basic') {
    return {
      ok: true,
      value: { params: {}, headers: { Authorization: `Basic ${base64(`${clientId}:${known.value}`)}` } },
    };
  }
  const params: Record<string, string> =
    how === 'post' ? { client_id: clientId, client_secret: known.value } : { client_secret: known.value };
  return { ok: true, value: { params, headers: {} } };
}

/** One call to a token endpoint, its answer classified (R11, R12) and turned into a TokenSet. */
async function tokenCall(
  config: OAuthConfig,
  ctx: AdapterContext,
  call: { url: string; method: 'GET' | 'POST'; params: Record<string, string>; auth: ClientAuth | 'grant' },
  answer: z.ZodType<TokenAnswer>,
  previous?: TokenSet,
): Promise<Result<TokenSet>> {
  const client = credentials(config, ctx, call.auth);
  if (!client.ok) return client;
  const params = { ...call.params, ...client.value.params };
  const request: HttpRequest =
    call.method === 'GET'
      ? { method: 'GET', url: call.url, query: params, headers: client.value.headers }
      : { method: 'POST', url: call.url, form: params, headers: client.value.headers };
  const sent = await send(ctx, request, answer, config.classifyToken);
  if (!sent.ok) return sent;
  return { ok: true, value: toTokenSet(sent.value.body, ctx.now(), { scopes: config.scopes, previous }) };
}

/** The RFC 6749 grants (authorization_code §4.1.3, refresh_token §6) at the network's token endpoint. */
function grant(
  config: OAuthConfig,
  ctx: AdapterContext,
  params: Record<string, string>,
  answer: z.ZodType<TokenAnswer>,
  previous?: TokenSet,
): Promise<Result<TokenSet>> {
  const call = {
    url: config.token,
    method: config.tokenMethod,
    params: { ...params, ...config.tokenParams },
    auth: 'grant' as const,
  };
  return tokenCall(config, ctx, call, answer, previous);
}

/** Meta's swap of a still-valid access token for a new one: a GET, everything in the query. */
export function swap(
  config: OAuthConfig,
  ctx: AdapterContext,
  how: TokenSwap,
  tokens: TokenSet,
): Promise<Result<TokenSet>> {
  const params = { grant_type: how.grant, [how.param]: tokens.accessToken };
  return tokenCall(
    config,
    ctx,
    { url: how.url, method: 'GET', params, auth: how.client },
    TokenResponse,
    tokens,
  );
}

/** A failure's detail without any of `secrets` (the values a flow handled across its steps, issue #13). */
export function redactResult<T>(
  result: Result<T>,
  secrets: ReadonlyArray<string | null | undefined>,
): Result<T> {
  if (result.ok || result.failure.detail === undefined) return result;
  const known = secrets.filter((s): s is string => !!s).flatMap((s) => [s, encodeURIComponent(s)]);
  return failure({ ...result.failure, detail: redact(result.failure.detail, known) });
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

    // The code's answer, then Meta's long-lived swap where the data has one. Every secret the flow handled
    // (code, verifier, the short-lived token) is kept out of the failure's detail, whichever step failed.
    async exchangeCode(ctx, { code, codeVerifier }) {
      const params = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: ctx.config.redirectUri,
        ...(config.pkce ? { code_verifier: codeVerifier } : {}),
      };
      const first = await grant(config, ctx, params, config.codeAnswer);
      const result =
        first.ok && config.longLived ? await swap(config, ctx, config.longLived, first.value) : first;
      const short = first.ok ? first.value.accessToken : null;
      return redactResult(result, [code, codeVerifier, short, ctx.config.clientSecret]);
    },

    async refresh(ctx, tokens) {
      if (config.tokens.renew === 'self') {
        if (config.renewal) return swap(config, ctx, config.renewal, tokens);
        const detail = `${config.id}: its tokens renew only through the adapter's own refresh`;
        return failure({ kind: 'unavailable', retryAt: null, detail });
      }
      if (!tokens.refreshToken) {
        const detail = `${config.id}: no refresh token (${config.noRefreshToken}); reconnect`;
        return failure(authError('token-expired', detail));
      }
      const params = { grant_type: 'refresh_token', refresh_token: tokens.refreshToken };
      return grant(config, ctx, params, TokenResponse, tokens);
    },
  };
}
