// The one interface every network adapter implements (one file per network, named after its id).
// Adapters depend on core's types only; they never import mocks/.
import type { Network, Outcome, Profile } from '../core/schemas.ts';

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

/** OAuth client registration for one network (real mode: from the options page; simulation: mock clients). */
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

export interface NetworkAdapter {
  id: Network;
  /** Whether authorizeUrl carries a PKCE challenge (the flow must then send the verifier). */
  pkce: boolean;
  scopes: readonly string[];
  tokens: TokenPolicy;
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
