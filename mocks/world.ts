// The stateful mock world: accounts, grants, tokens, injected faults and a log of calls, on a clock the caller
// controls. Handlers (./handlers) answer HTTP from this state; scenarios drive it through the methods below
// (scenario.md "network-side events"). Nothing here touches the network, the file system or Date.now.
import type { Network } from '../core/schemas.ts';
import { MOCK_CLIENTS } from './clients.ts';
import { LIFETIME } from './lifetimes.ts';
import { createProfiles, type MockIdentity } from './profiles.ts';
import {
  type AccountState,
  type Fault,
  issue,
  type MockCall,
  type MockPost,
  mint,
  newGrant,
  type WorldState,
} from './state.ts';

export type { MockIdentity } from './profiles.ts';
export type { MockCall, MockPost } from './state.ts';

/** Same shape as adapters' TokenSet (adapters/types.ts), without importing adapters/. */
export interface MockTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number | null;
  refreshExpiresAt: number | null;
  scopes: string[];
}

export interface CodeRequest {
  redirectUri: string;
  codeChallenge?: string;
  /** Default S256 when a challenge is given. */
  codeChallengeMethod?: 'S256' | 'plain';
  scopes?: string[];
}

export interface CannedResponseSpec {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  times?: number;
}

export interface WorldOptions {
  now: () => number;
  seed?: number;
  /**
   * LinkedIn flake [LI-401]: for this many ms after a consent, API calls with the new token answer 401 65601
   * (REVOKED_ACCESS_TOKEN) although introspection says active. 0 (default) = off.
   */
  linkedinRevokedAfterConsentMs?: number;
  /** Keep the call log (default true). Turn off for very long simulations that never read it. */
  logCalls?: boolean;
}

export interface MockWorld {
  now(): number;
  addAccount(a: { id: string; network: Network }): MockIdentity;
  identity(id: string): MockIdentity | undefined;
  /**
   * Tokens as if the user consented at `at` (default now), as the product keeps them (Facebook: the Page token). `renewedAt`: when the product last renewed the
   * access token since (default `at`): a product that ran all along kept it fresh, while the consent date
   * still drives Meta's data access and LinkedIn's refresh horizon.
   */
  grant(accountId: string, opts?: { at?: number; renewedAt?: number; scopes?: string[] }): MockTokens;
  signIn(network: Network, accountId: string | null): void;
  issueCode(accountId: string, req: CodeRequest): string;
  revoke(accountId: string): void;
  expireToken(accountId: string): void;
  security(accountId: string): void;
  inactive(accountId: string): void;
  deleteAccount(accountId: string): void;
  outage(network: Network, until: number): void;
  rateLimit(network: Network, until: number): void;
  respond(network: Network, r: CannedResponseSpec): void;
  calls(filter?: { network?: Network; endpoint?: string; accountId?: string }): MockCall[];
  posts(accountId: string): MockPost[];
}

/** Scopes a consent grants when the caller names none: what the adapters publish with (networks.md §x.1). */
export const DEFAULT_SCOPES: Record<Network, string[]> = {
  facebook: [
    'pages_show_list',
    'pages_manage_posts',
    'pages_read_engagement',
    'business_management',
    'public_profile',
  ],
  instagram: ['instagram_business_basic', 'instagram_business_content_publish'],
  x: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
  linkedin: ['openid', 'profile', 'email', 'w_member_social'],
  youtube: [
    'https://www.googleapis.com/auth/youtube.upload',
    'https://www.googleapis.com/auth/youtube.readonly',
  ],
};

const STATES = new WeakMap<MockWorld, WorldState>();

/** For handlers: the state behind a world created by createWorld. */
export function internals(world: MockWorld): WorldState {
  const s = STATES.get(world);
  if (!s) throw new Error('mocks: this MockWorld was not created by createWorld()');
  return s;
}

export function createWorld(opts: WorldOptions): MockWorld {
  const s: WorldState = {
    seed: opts.seed ?? 1,
    now: opts.now,
    accounts: new Map(),
    tokens: new Map(),
    codes: new Map(),
    byNetworkId: new Map(),
    signedIn: new Map(),
    outages: new Map(),
    rateLimits: new Map(),
    canned: new Map(),
    calls: [],
    logCalls: opts.logCalls ?? true,
    linkedinFlakeMs: opts.linkedinRevokedAfterConsentMs ?? 0,
    grantSeq: 0,
    traceSeq: 0,
  };
  const profile = createProfiles(s.seed);

  const account = (id: string): AccountState => {
    const a = s.accounts.get(id);
    if (!a) throw new Error(`mock world: unknown account '${id}' (call addAccount first)`);
    return a;
  };
  /** A fault hits every grant the account has given; a later consent starts a clean grant. */
  const fault = (id: string, kind: Fault): void => {
    for (const g of account(id).grants) {
      g.fault = kind;
      g.faultAt = s.now();
    }
  };

  const world: MockWorld = {
    now: () => s.now(),

    addAccount({ id, network }) {
      const existing = s.accounts.get(id);
      if (existing) {
        if (existing.identity.network !== network) {
          throw new Error(`mock world: account '${id}' already exists on ${existing.identity.network}`);
        }
        return existing.identity;
      }
      const identity = profile(id, network);
      const a: AccountState = { identity, grants: [], posts: [], seq: 0, containers: new Map() };
      s.accounts.set(id, a);
      s.byNetworkId.set(identity.networkUserId, a);
      if (identity.fbUser) s.byNetworkId.set(identity.fbUser.id, a);
      return identity;
    },

    identity: (id) => s.accounts.get(id)?.identity,

    grant(accountId, o = {}) {
      const a = account(accountId);
      const net = a.identity.network;
      const life = LIFETIME[net];
      const at = o.at ?? s.now();
      const scopes = o.scopes ?? DEFAULT_SCOPES[net];
      const g = newGrant(s, a, { at, scopes });
      // The token set a finished connect flow holds: Meta/IG already exchanged for the long-lived token,
      // and for a Facebook Page the Page token got with it, which never expires (networks.md §1.2).
      const renewed = Math.max(at, o.renewedAt ?? at);
      const user = issue(s, g, 'access', renewed, renewed + (life.longLived ?? life.access));
      if (life.keeps === 'page') user.pageToken = issue(s, g, 'page', renewed, null);
      const access = user.pageToken ?? user;
      const wantsRefresh = life.refresh !== 'none' && (net !== 'x' || scopes.includes('offline.access'));
      // The refresh token was last used for that renewal (Google's 6-month idle limit counts from there).
      const refresh = wantsRefresh ? issue(s, g, 'refresh', renewed, g.refreshExpiresAt) : null;
      return {
        accessToken: access.value,
        refreshToken: refresh?.value ?? null,
        expiresAt: access.expiresAt,
        refreshExpiresAt: refresh ? g.refreshExpiresAt : null,
        scopes: [...scopes],
      };
    },

    signIn(network, accountId) {
      if (accountId !== null && account(accountId).identity.network !== network) {
        throw new Error(`mock world: account '${accountId}' is not a ${network} account`);
      }
      s.signedIn.set(network, accountId);
    },

    issueCode(accountId, req) {
      const a = account(accountId);
      if (a.identity.deleted)
        throw new Error(`mock world: account '${accountId}' is deleted and cannot consent`);
      const net = a.identity.network;
      const value = mint(s, a, 'code');
      s.codes.set(value, {
        value,
        account: a,
        clientId: MOCK_CLIENTS[net].clientId,
        redirectUri: req.redirectUri,
        challenge: req.codeChallenge ?? null,
        method: req.codeChallenge ? (req.codeChallengeMethod ?? 'S256') : null,
        scopes: req.scopes ?? DEFAULT_SCOPES[net],
        issuedAt: s.now(),
        used: false,
        // Programmatic consent behaves like access_type=offline&prompt=consent (always a refresh token).
        offline: true,
        forceConsent: true,
      });
      return value;
    },

    revoke: (id) => fault(id, 'revoked'),
    expireToken: (id) => fault(id, 'expired'),
    security: (id) => fault(id, 'security'),
    inactive: (id) => fault(id, 'inactive'),
    deleteAccount(id) {
      account(id).identity.deleted = true;
    },

    outage: (network, until) => void s.outages.set(network, until),
    rateLimit: (network, until) => void s.rateLimits.set(network, until),
    respond(network, r) {
      const times = r.times ?? 1;
      if (!Number.isInteger(times) || times < 1)
        throw new Error(`mock world: respond.times must be >= 1, got ${times}`);
      const queue = s.canned.get(network) ?? [];
      // Header names lower-cased so they merge cleanly with the content-type the mock adds.
      const headers = Object.fromEntries(
        Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      queue.push({ status: r.status, body: r.body, headers, left: times });
      s.canned.set(network, queue);
    },

    calls(filter = {}) {
      return s.calls.filter(
        (c) =>
          (filter.network === undefined || c.network === filter.network) &&
          (filter.endpoint === undefined || c.endpoint === filter.endpoint) &&
          (filter.accountId === undefined || c.accountId === filter.accountId),
      );
    },

    posts: (id) => account(id).posts.map((p) => ({ ...p })),
  };
  STATES.set(world, s);
  return world;
}
