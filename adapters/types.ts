// The one interface every network adapter implements (one file per network, named after its id).
// Adapters depend on core's types only; they never import mocks/.
import type { z } from 'zod/mini';
import type { Network, Outcome, Profile } from '../core/schemas.ts';
import type { Classifier } from './classify.ts';

/** Tokens as stored for one account. Times are epoch ms. Never logged. */
export interface TokenSet {
  accessToken: string;
  /** null where the network has none (Meta, LinkedIn without MDP): never an empty string. */
  refreshToken: string | null;
  /** null = does not expire (Meta `expires_at: 0`). */
  expiresAt: number | null;
  /** LinkedIn's fixed 365-day refresh horizon; null when unknown or none. */
  refreshExpiresAt: number | null;
  scopes: string[];
}

/**
 * OAuth client registration for one network (the extension: a client id from the options page, never a
 * secret; the team server: id and secret from its configuration; simulation: mock clients).
 */
export interface ClientConfig {
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
}

export interface AdapterContext {
  fetch: typeof fetch;
  /** The clock: simulated in tests and scenarios, Date.now in the extension. */
  now: () => number;
  config: ClientConfig;
  /** Per-request timeout, ms (default 10 000). */
  timeoutMs?: number;
  /** Retries for transient failures (default 2); auth errors are never retried. */
  retries?: number;
  /** Waits between retries; tests and the simulator pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

export type Failure = Exclude<Outcome, { kind: 'ok' }>;
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export interface AuthorizeRequest {
  state: string;
  /** PKCE S256 challenge; adapters of networks without PKCE ignore it. */
  codeChallenge: string;
  /** S4: x asks the user at connect time which posts to report. Other networks ignore it. */
  postVisibility?: 'all-sources' | 'app-only';
}

export interface PublishRequest {
  text: string;
  link?: string;
  /** Instagram requires an image (container + publish). */
  imageUrl?: string;
  /** YouTube requires a video: the Data API has no text posts, so the text and link become its title and description. */
  video?: Blob;
}

/**
 * How an access token is renewed, as data the connection layer reads (R12).
 * - `refresh-token`: an OAuth refresh grant with the stored refresh token (X, Google, LinkedIn MDP apps).
 * - `self`: the still-valid access token is exchanged for a new one; an expired one cannot be (Meta [FB-LL], [IG-REFRESH]).
 */
export interface TokenPolicy {
  renew: 'refresh-token' | 'self';
  /** Renew this long before `expiresAt`, so no call runs on a token about to lapse. */
  ahead: number;
  /**
   * When the renewal happens (scenario.md: upkeep at its own instant; runtime/upkeep.ts schedules it):
   * - `scheduled`: at `expiresAt - ahead`, whether or not a call needs the token: tokens that live for
   *   weeks and cannot be renewed once expired (Meta [FB-LL][IG-REFRESH]) or whose refresh must not wait
   *   for a check (LinkedIn's 60 days);
   * - `on-use`: by the call that needs it (X 2 h, Google 1 h access tokens, R12).
   */
  upkeep: 'scheduled' | 'on-use';
  /**
   * A refresh token that stops working after this long unused (Google: six months [G-OAUTH2]) is used again
   * `keepAlive.every` after the last renewal, whatever the calls do.
   */
  keepAlive?: { idle: number; every: number };
}

/**
 * How the app proves itself at a token endpoint (RFC 6749 §2.3, named after RFC 7591 §2
 * `token_endpoint_auth_method` where one applies):
 * - `basic`: HTTP Basic `client_id:client_secret` (`client_secret_basic`, the RFC's default);
 * - `post`: `client_id` and `client_secret` as parameters (`client_secret_post`);
 * - `public`: `client_id` alone, a public client without a secret (`none`; RFC 6749 §3.2.1);
 * - `secret`: `client_secret` alone (Instagram's ig_exchange_token [IG-AT]);
 * - `none`: nothing; the token being swapped is the only credential (Instagram's ig_refresh_token [IG-REFRESH]).
 */
export type ClientAuth = 'basic' | 'post' | 'public' | 'secret' | 'none';

/**
 * Meta's own token grants: a GET whose query carries `grant_type`, the current access token and some client
 * credentials, answering a new access token [FB-LL][IG-AT][IG-REFRESH]. Not RFC 6749, but data all the same.
 */
export interface TokenSwap {
  url: string;
  grant: 'fb_exchange_token' | 'ig_exchange_token' | 'ig_refresh_token';
  /** The query parameter that carries the token being swapped. */
  param: 'fb_exchange_token' | 'access_token';
  client: Extract<ClientAuth, 'post' | 'secret' | 'none'>;
}

/** RFC 6749 §5.1 answer, plus LinkedIn's refresh_token_expires_in [LI-PRT]. */
export interface TokenAnswer {
  access_token: string;
  expires_in?: number | undefined;
  refresh_token?: string | undefined;
  refresh_token_expires_in?: number | undefined;
  scope?: string | undefined;
}

/**
 * A network's OAuth 2.0, as data (what each adapters/<network>.ts declares). Everything optional has a
 * default in ONE place, adapters/oauth.ts `DEFAULTS`, the way Auth.js merges its provider objects once.
 */
export interface OAuthData {
  id: Network;
  /** Who answers at the token endpoint, for details ("Google token endpoint: ..."). */
  issuer: string;
  /** Authorization endpoint; the engine adds response_type, client_id, redirect_uri, scope, state (and PKCE). */
  authorize: string;
  /** Extra authorization parameters (Google's access_type=offline, prompt=consent [G-LIB][G-PROMPT]). */
  authorizeParams?: Record<string, string>;
  scopes: readonly string[];
  /** RFC 6749 §3.3 joins scopes with spaces (the default); Meta's dialogs take commas [POSTIZ-FB]. */
  scopeSeparator?: ' ' | ',';
  /** RFC 7636 S256: the challenge in the authorize URL, the verifier in the code exchange. Default false. */
  pkce?: boolean;
  token: string;
  /** POST form (RFC 6749 §4.1.3, the default); Facebook's code exchange is a GET with a query [FB-LL]. */
  tokenMethod?: 'GET' | 'POST';
  /** Extra parameters sent with every code exchange and refresh grant. */
  tokenParams?: Record<string, string>;
  /**
   * Client authentication at the token endpoint when a secret is configured (`auth`, default `basic`), and
   * whether one must be (`secret`, default `required`): with `optional`, no secret makes a public client.
   */
  client?: { auth?: 'basic' | 'post'; secret?: 'required' | 'optional' };
  /** Merged over the default policy: refresh grant, 5 minutes ahead, renewed by the call that needs it. */
  tokens?: Partial<TokenPolicy>;
  /** The network's classifier; at the token endpoint it only sees answers `explained` accepts (R11, R12). */
  classify: Classifier;
  /** Whether a token-endpoint refusal is the network's word on the grant. Default: an OAuth `error` field. */
  explained?: (status: number, body: unknown) => boolean;
  /** The code exchange's answer when it is not RFC 6749 §5.1 (Instagram's `permissions`, `data` wrapper). */
  codeAnswer?: z.core.$ZodType<TokenAnswer>;
  /** Meta: the code's short-lived token is swapped at once for a long-lived one [FB-LL][IG-AT]. */
  longLived?: TokenSwap;
  /** Meta (`tokens.renew: 'self'`): how a still-valid token renews itself [IG-REFRESH]. */
  renewal?: TokenSwap;
  /** Why a refresh-grant network may have given no refresh token (said in the reconnect message). */
  noRefreshToken?: string;
}

/** OAuthData merged with the engine's defaults: every field present (null where a network has none). */
export interface OAuthConfig
  extends Required<
    Omit<OAuthData, 'tokens' | 'client' | 'longLived' | 'renewal' | 'authorizeParams' | 'tokenParams'>
  > {
  authorizeParams: Readonly<Record<string, string>>;
  tokenParams: Readonly<Record<string, string>>;
  client: { auth: 'basic' | 'post'; secret: 'required' | 'optional' };
  tokens: TokenPolicy;
  longLived: TokenSwap | null;
  renewal: TokenSwap | null;
  /** `classify` behind the token-endpoint guard (classify.ts `tokenEndpoint`): what every grant answer goes through. */
  classifyToken: Classifier;
}

/**
 * A network adapter: its OAuth data merged by the engine (adapters/oauth.ts `oauth2`), the OAuth operations
 * the engine builds from it, and the network's own check, revoke, profile and publish.
 */
export interface NetworkAdapter extends OAuthConfig {
  /** Adds state, and the PKCE challenge only where `pkce` says so (the flow always makes one). */
  authorizeUrl(ctx: AdapterContext, req: AuthorizeRequest): string;
  exchangeCode(ctx: AdapterContext, req: { code: string; codeVerifier: string }): Promise<Result<TokenSet>>;
  /** Renews the access token per `tokens.renew`; a refusal is an auth-error (then the account needs a reconnect). */
  refresh(ctx: AdapterContext, tokens: TokenSet): Promise<Result<TokenSet>>;
  /** Side-effect-free health check of the access token. */
  check(ctx: AdapterContext, tokens: TokenSet): Promise<Outcome>;
  /** Null where the network offers no programmatic revoke. */
  revoke: ((ctx: AdapterContext, tokens: TokenSet) => Promise<Outcome>) | null;
  profile(ctx: AdapterContext, tokens: TokenSet): Promise<Result<Profile>>;
  publish(ctx: AdapterContext, tokens: TokenSet, post: PublishRequest): Promise<Result<{ remoteId: string }>>;
}
