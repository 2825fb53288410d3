// The team server's HTTP API as the extension uses it (README "The team server"): every call carries the
// member token as a bearer token and answers one of three things: the server's JSON, `unreachable` (no
// answer, a timeout, a 5xx: the last view stays and says how old it is) or `unauthorized` (401: the token
// was revoked or the membership removed; the way back is to join again). The token never leaves this
// module in a message, a log line or an error.
import type { Status } from '../../../core/schemas.ts';

/**
 * The server's AccountView and MemberView (server/views.ts), as this extension reads them: the extension
 * imports nothing from server/ (test/email/boundaries.test.ts), and test/server/extension-team.test.ts
 * checks at compile time that the server's types still fit these.
 */
export interface AccountView {
  id: string;
  network: string;
  name: string | null;
  handle: string | null;
  avatarUrl: string | null;
  status: Status;
  reason: string | null;
  reauthDueAt: string | null;
  disconnectedAt: string | null;
  reconnectDeadline: string | null;
  visibleInSettings: boolean;
  lastCheck: { at: string; outcome: string; retryAt: string | null } | null;
  posts: Record<string, number>;
  canReconnect: string[];
  canDisconnect: string[];
  recommendedReconnector: string | null;
  access: unknown;
  default: boolean;
  autopublish: string | null;
  brand: string | null;
  postVisibility: string;
  sharingLocked: boolean;
  you: { level: 'full' | 'drafts' | 'none'; mayReconnect: boolean; mayDisconnect: boolean };
}
export type { AccountView as ServerAccount };

export interface MemberView {
  serverTime: string;
  team: { id: string; name: string };
  me: { id: string; name: string | null; superAdmin: boolean; permission: string };
  users: Record<string, string>;
  plan: string;
  brands: string[] | null;
  counts: { accounts: number; attention: number; worst: string; byStatus: Record<string, number> };
  accounts: AccountView[];
}

/** A request that takes longer than this is treated as the server not answering. */
export const TIMEOUT_MS = 15_000;

export interface ServerRefusal {
  rule: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

export type Answer<T> =
  | { ok: true; status: number; body: T; etag: string | null }
  | { ok: false; problem: 'unreachable'; message: string }
  | { ok: false; problem: 'unauthorized'; message: string }
  /** A 4xx other than 401: the server's own message says what to do. */
  | { ok: false; problem: 'refused'; status: number; code: string; message: string };

export type Failure = Extract<Answer<unknown>, { ok: false }>;

export interface ActionResult {
  at: string;
  rejected: ServerRefusal | null;
  account: AccountView | null;
}

export interface ConsentAnswer {
  url: string | null;
  expiresAt: string | null;
  rejected: ServerRefusal | null;
}

export interface InboxEntry {
  id: number;
  at: string;
  kind: string;
  account: string;
  recipients: string[];
}

export interface Joined {
  token: string;
  tokenId: string;
  team: string;
  user: string;
}

/** `http(s)://host[:port]` without a trailing slash, or null for anything else. */
export function serverOrigin(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export async function call<T>(
  server: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; etag?: string | null } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.etag) headers['If-None-Match'] = init.etag;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${server}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      // An extension's request to its team server: no cookies, no cache but the ETag we keep ourselves.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    return {
      ok: false,
      problem: 'unreachable',
      message: error instanceof Error ? error.message : 'no answer',
    };
  }
  const etag = response.headers.get('ETag');
  if (response.status === 304) return { ok: true, status: 304, body: undefined as T, etag };
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.ok) return { ok: true, status: response.status, body: json as T, etag };
  const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
  const message = error?.message ?? `HTTP ${response.status}`;
  if (response.status === 401) return { ok: false, problem: 'unauthorized', message };
  // A proxy's 502/503/504 or the server failing: the same as no answer, for now.
  if (response.status >= 500 || !error) return { ok: false, problem: 'unreachable', message };
  return { ok: false, problem: 'refused', status: response.status, code: error.code ?? 'error', message };
}

/** The calls of one membership. */
export class TeamApi {
  readonly server: string;
  private readonly token: string;

  constructor(server: string, token: string) {
    this.server = server;
    this.token = token;
  }

  call<T>(path: string, method = 'GET', body?: unknown, etag?: string | null): Promise<Answer<T>> {
    return call<T>(this.server, path, { method, token: this.token, body, etag });
  }

  view = (etag: string | null) => this.call<MemberView>('/api/view', 'GET', undefined, etag);
  account = (id: string) => this.call<AccountView>(`/api/accounts/${encodeURIComponent(id)}`);
  act = (action: object) => this.call<ActionResult>('/api/actions', 'POST', action);
  consent = (body: object) => this.call<ConsentAnswer>('/api/consent', 'POST', body);
  settings = () => this.call<Record<string, unknown>>('/api/settings');
  inbox = (after: number, limit: number) =>
    this.call<{ notifications: InboxEntry[]; cursor: number }>(
      `/api/notifications?after=${after}&limit=${limit}`,
    );
  /** Leaving: the token is revoked on the server too, when it answers. */
  revoke = (tokenId: string) => this.call<null>(`/api/tokens/${encodeURIComponent(tokenId)}`, 'DELETE');
}
