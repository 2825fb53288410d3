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
}

export interface NetworkAdapter {
  id: Network;
  /** Whether authorizeUrl carries a PKCE challenge (the flow must then send the verifier). */
  pkce: boolean;
  scopes: readonly string[];
  authorizeUrl(ctx: AdapterContext, req: AuthorizeRequest): string;
  exchangeCode(ctx: AdapterContext, req: { code: string; codeVerifier: string }): Promise<Result<TokenSet>>;
  /** Null where the network offers no refresh for this token (then an expired token means reconnect). */
  refresh(ctx: AdapterContext, tokens: TokenSet): Promise<Result<TokenSet>>;
  /** Side-effect-free health check of the access token. */
  check(ctx: AdapterContext, tokens: TokenSet): Promise<Outcome>;
  /** Null where the network offers no programmatic revoke. */
  revoke: ((ctx: AdapterContext, tokens: TokenSet) => Promise<Outcome>) | null;
  profile(ctx: AdapterContext, tokens: TokenSet): Promise<Result<Profile>>;
  publish(ctx: AdapterContext, tokens: TokenSet, post: PublishRequest): Promise<Result<{ remoteId: string }>>;
}
