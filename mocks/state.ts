// The mock world's internal state and the token/code bookkeeping the handlers share. Plain Maps keyed by token
// and code strings, so every request costs O(1) lookups whatever the number of accounts.
import type { Network } from '../core/schemas.ts';
import { MOCK_CLIENTS } from './clients.ts';
import { LIFETIME } from './lifetimes.ts';
import type { MockIdentity } from './profiles.ts';
import { ALNUM, B64URL, randomString } from './random.ts';

/** What a network-side event did to a grant (scenario.md: revoke, expire-token, security, inactive). */
export type Fault = 'revoked' | 'expired' | 'security' | 'inactive';

export type TokenKind = 'short' | 'access' | 'refresh' | 'page';

export interface MockPost {
  id: string;
  text: string;
  at: number;
}

/** One app authorization (a consent). Faults hit the grant, so every token it issued fails the same way. */
export interface Grant {
  id: number;
  account: AccountState;
  consentAt: number;
  scopes: string[];
  fault: Fault | null;
  faultAt: number;
  /** facebook: consentAt + 90 d [FB-AUTHDATA]. */
  dataAccessExpiresAt: number | null;
  /** linkedin: consentAt + 365 d, fixed [LI-PRT]. */
  refreshExpiresAt: number | null;
  /** youtube: counts refreshes, to omit refresh_token from every other refresh response. */
  refreshes: number;
  /** youtube: access_type=offline was requested. */
  offline: boolean;
  /** Records issued under this grant (pruned of expired ones where the network forgets them). */
  tokens: TokenRecord[];
}

export interface TokenRecord {
  value: string;
  kind: TokenKind;
  grant: Grant;
  issuedAt: number;
  /** null = never expires (Meta page tokens, refresh tokens without TTL). */
  expiresAt: number | null;
  lastUsedAt: number;
  /** facebook: the page token handed out with this user token (so /me/accounts is stable). */
  pageToken: TokenRecord | null;
}

export interface CodeRecord {
  value: string;
  account: AccountState;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  method: 'S256' | 'plain' | null;
  scopes: string[];
  issuedAt: number;
  used: boolean;
  /** youtube: access_type=offline and whether a refresh token should be (re)issued. */
  offline: boolean;
  forceConsent: boolean;
}

export interface IgContainer {
  id: string;
  caption: string;
  imageUrl: string;
  published: boolean;
}

export interface AccountState {
  identity: MockIdentity;
  grants: Grant[];
  posts: MockPost[];
  /** Per-account counter feeding deterministic token/code/id generation. */
  seq: number;
  /** instagram: media containers awaiting media_publish. */
  containers: Map<string, IgContainer>;
}

export interface CannedResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  left: number;
}

export interface MockCall {
  at: number;
  network: Network;
  endpoint: string;
  method: string;
  status: number;
  accountId: string | null;
}

export interface WorldState {
  seed: number;
  now: () => number;
  accounts: Map<string, AccountState>;
  tokens: Map<string, TokenRecord>;
  codes: Map<string, CodeRecord>;
  /** Lookup by networkUserId (and IG/FB alternates) for paths like /{page-id}/feed. */
  byNetworkId: Map<string, AccountState>;
  signedIn: Map<Network, string | null>;
  outages: Map<Network, number>;
  rateLimits: Map<Network, number>;
  canned: Map<Network, CannedResponse[]>;
  calls: MockCall[];
  logCalls: boolean;
  linkedinFlakeMs: number;
  grantSeq: number;
  traceSeq: number;
}

/** Token/code string shapes per network, imitating the real ones (prefix + length). */
const TOKEN_FORMAT: Record<Network, Record<TokenKind | 'code', [prefix: string, length: number]>> = {
  facebook: {
    short: ['EAAV', 176],
    access: ['EAAV', 196],
    refresh: ['', 0],
    page: ['EAAV', 204],
    code: ['AQB', 330],
  },
  instagram: {
    short: ['IGAA', 140],
    access: ['IGAA', 140],
    refresh: ['', 0],
    page: ['', 0],
    code: ['AQB', 300],
  },
  x: { short: ['', 91], access: ['', 91], refresh: ['', 91], page: ['', 0], code: ['', 88] },
  linkedin: {
    short: ['AQV', 347],
    access: ['AQV', 347],
    refresh: ['AQX', 347],
    page: ['', 0],
    code: ['AQT', 200],
  },
  youtube: {
    short: ['ya29.a0', 156],
    access: ['ya29.a0', 156],
    refresh: ['1//0', 99],
    page: ['', 0],
    code: ['4/0A', 70],
  },
};

/** A fresh deterministic string for this account: same seed + same call sequence = same value. */
export function mint(s: WorldState, account: AccountState, kind: TokenKind | 'code'): string {
  const [prefix, length] = TOKEN_FORMAT[account.identity.network][kind];
  for (;;) {
    const n = account.seq++;
    const value =
      prefix +
      randomString(`${s.seed}|${account.identity.id}|${kind}|${n}`, length, kind === 'code' ? B64URL : ALNUM);
    if (!s.tokens.has(value) && !s.codes.has(value)) return value;
  }
}

export function newGrant(
  s: WorldState,
  account: AccountState,
  opts: { at: number; scopes: string[]; offline?: boolean },
): Grant {
  const life = LIFETIME[account.identity.network];
  const grant: Grant = {
    id: ++s.grantSeq,
    account,
    consentAt: opts.at,
    scopes: opts.scopes,
    fault: null,
    faultAt: 0,
    dataAccessExpiresAt: life.dataAccess === null ? null : opts.at + life.dataAccess,
    refreshExpiresAt: life.refreshHorizon === null ? null : opts.at + life.refreshHorizon,
    refreshes: 0,
    offline: opts.offline ?? true,
    tokens: [],
  };
  account.grants.push(grant);
  return grant;
}

export function issue(
  s: WorldState,
  grant: Grant,
  kind: TokenKind,
  at: number,
  expiresAt: number | null,
): TokenRecord {
  if (LIFETIME[grant.account.identity.network].forgetExpired) forgetExpired(s, grant, s.now());
  const rec: TokenRecord = {
    value: mint(s, grant.account, kind),
    kind,
    grant,
    issuedAt: at,
    expiresAt,
    lastUsedAt: at,
    pageToken: null,
  };
  s.tokens.set(rec.value, rec);
  grant.tokens.push(rec);
  return rec;
}

/** Drop a record (X's rotated refresh tokens): the network then answers it exactly like an unknown token. */
export function forget(s: WorldState, rec: TokenRecord): void {
  s.tokens.delete(rec.value);
  const list = rec.grant.tokens;
  const i = list.indexOf(rec);
  if (i >= 0) list.splice(i, 1);
}

function forgetExpired(s: WorldState, grant: Grant, now: number): void {
  const keep: TokenRecord[] = [];
  for (const rec of grant.tokens) {
    if (rec.expiresAt !== null && rec.expiresAt <= now) s.tokens.delete(rec.value);
    else keep.push(rec);
  }
  grant.tokens = keep;
}

export type TokenProblem = 'unknown' | 'deleted' | Fault;

export type TokenCheck =
  | { ok: true; rec: TokenRecord }
  | { ok: false; problem: TokenProblem; rec: TokenRecord | null; since: number };

/**
 * Why a token does or does not work right now. Precedence: the account is gone > a fault on the grant >
 * natural expiry > (facebook) data access lapsed. `since` is when it stopped working (for Meta's
 * "Session has expired on …" text and debug_token's data_access_expires_at).
 */
export function checkToken(s: WorldState, value: string | null, now: number): TokenCheck {
  const rec = value ? s.tokens.get(value) : undefined;
  if (!rec) return { ok: false, problem: 'unknown', rec: null, since: now };
  const { grant } = rec;
  if (grant.account.identity.deleted) return { ok: false, problem: 'deleted', rec, since: now };
  if (grant.fault !== null) {
    const since =
      grant.fault === 'expired' ? Math.min(rec.expiresAt ?? grant.faultAt, grant.faultAt) : grant.faultAt;
    return { ok: false, problem: grant.fault, rec, since };
  }
  if (rec.expiresAt !== null && now >= rec.expiresAt)
    return { ok: false, problem: 'expired', rec, since: rec.expiresAt };
  if (grant.dataAccessExpiresAt !== null && now >= grant.dataAccessExpiresAt) {
    return { ok: false, problem: 'inactive', rec, since: grant.dataAccessExpiresAt };
  }
  return { ok: true, rec };
}

export type CodeProblem =
  | 'client'
  | 'unknown'
  | 'used'
  | 'expired'
  | 'redirect'
  | 'no-verifier'
  | 'bad-verifier';

/**
 * Validates an authorization-code redemption the way every network does (client, single use, lifetime,
 * redirect_uri equality, PKCE). Marks the code used on success. Networks map the problem to their own body.
 */
export async function redeemCode(
  s: WorldState,
  network: Network,
  req: { code: string | null; clientId: string | null; redirectUri: string | null; verifier: string | null },
  now: number,
): Promise<{ ok: true; code: CodeRecord } | { ok: false; problem: CodeProblem }> {
  if (req.clientId !== MOCK_CLIENTS[network].clientId) return { ok: false, problem: 'client' };
  const code = req.code ? s.codes.get(req.code) : undefined;
  if (!code || code.account.identity.network !== network) return { ok: false, problem: 'unknown' };
  if (code.used) return { ok: false, problem: 'used' };
  if (now - code.issuedAt > LIFETIME[network].code) return { ok: false, problem: 'expired' };
  if (req.redirectUri !== code.redirectUri) return { ok: false, problem: 'redirect' };
  if (code.challenge !== null) {
    if (!req.verifier) return { ok: false, problem: 'no-verifier' };
    const expected = code.method === 'plain' ? req.verifier : await s256(req.verifier);
    if (expected !== code.challenge) return { ok: false, problem: 'bad-verifier' };
  }
  code.used = true;
  return { ok: true, code };
}

/** What s256 uses of node:crypto (mocks/ also runs in the extension's simulation build, without Node). */
interface NodeSha256 {
  createHash(algorithm: 'sha256'): {
    update(data: string, encoding: 'utf8'): { digest(encoding: 'base64url'): string };
  };
}

/** Node's own SHA-256 under Node (the simulator: WebCrypto's digest is a thread-pool job there, ~20x slower). */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: 'node:crypto') => NodeSha256 | undefined } }
).process?.getBuiltinModule?.('node:crypto');

/** PKCE S256: BASE64URL(SHA256(verifier)) without padding (RFC 7636). */
export async function s256(verifier: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(verifier, 'utf8').digest('base64url');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** fbtrace_id-like value, deterministic per call ([BK-FBAPI] fixtures vary it). */
export function traceId(s: WorldState): string {
  return randomString(`${s.seed}|trace|${s.traceSeq++}`, 23, `${ALNUM}_-`);
}

/** A new id for something the account created (posts, media): deterministic per account. */
export function nextId(
  s: WorldState,
  account: AccountState,
  purpose: string,
  length: number,
  alphabet: string,
): string {
  return randomString(`${s.seed}|${account.identity.id}|${purpose}|${account.seq++}`, length, alphabet);
}
