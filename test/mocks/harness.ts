// Shared set-up for the mock-network tests: one MSW server per test file (raw fetch, unhandled requests are
// errors), a fresh world per test on a clock the test moves, and small helpers for the OAuth dance.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import type { Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createHandlers } from '../../mocks/handlers/index.ts';
import { DAY, HOUR } from '../../mocks/lifetimes.ts';
import { createWorld, type MockWorld, type WorldOptions } from '../../mocks/world.ts';

export { DAY, HOUR };
export const MINUTE = 60_000;
export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/cb';

export const server = setupServer();

export function useServer(): void {
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());
}

export interface Env {
  world: MockWorld;
  now(): number;
  advance(ms: number): void;
}

export function createEnv(opts: Omit<WorldOptions, 'now'> = {}): Env {
  let t = T0;
  const world = createWorld({ ...opts, now: () => t });
  server.resetHandlers(...createHandlers(world));
  return {
    world,
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export const AUTHORIZE: Record<Network, string> = {
  facebook: 'https://www.facebook.com/v20.0/dialog/oauth',
  instagram: 'https://www.instagram.com/oauth/authorize',
  x: 'https://x.com/i/oauth2/authorize',
  linkedin: 'https://www.linkedin.com/oauth/v2/authorization',
  youtube: 'https://accounts.google.com/o/oauth2/v2/auth',
};

const SCOPES: Record<Network, string> = {
  facebook: 'pages_show_list,pages_manage_posts,pages_read_engagement',
  instagram: 'instagram_business_basic,instagram_business_content_publish',
  x: 'tweet.read tweet.write users.read offline.access',
  linkedin: 'openid profile email w_member_social',
  youtube: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
};

export function authorizeUrl(network: Network, extra: Record<string, string> = {}): URL {
  const url = new URL(AUTHORIZE[network]);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: MOCK_CLIENTS[network].clientId,
    redirect_uri: REDIRECT,
    scope: SCOPES[network],
    state: 'st-123',
    ...extra,
  }).toString();
  return url;
}

/** GET the consent page and return where it redirects (the extension's redirect URI with code/state). */
export async function consent(network: Network, extra: Record<string, string> = {}): Promise<URL> {
  const res = await fetch(authorizeUrl(network, extra), { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}

export async function code(network: Network, extra: Record<string, string> = {}): Promise<string> {
  return (await consent(network, extra)).searchParams.get('code') ?? '';
}

/** PKCE pair computed independently of the mock (RFC 7636 S256). */
export async function pkce(
  verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
): Promise<{ verifier: string; challenge: string }> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const challenge = btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return { verifier, challenge };
}

export const form = (o: Record<string, string>) => new URLSearchParams(o);
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (id: string, secret: string) => ({ authorization: `Basic ${btoa(`${id}:${secret}`)}` });

export async function get(url: string | URL, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: await parse(res) };
}

export async function post(
  url: string | URL,
  body: URLSearchParams | string | null,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, headers: res.headers, body: await parse(res) };
}

export async function del(url: string | URL, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'DELETE', headers });
  return { status: res.status, headers: res.headers, body: await parse(res) };
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const secs = (ms: number) => Math.floor(ms / 1000);

/** Graph URL helpers. */
export const GRAPH = 'https://graph.facebook.com/v20.0';
export const IG = 'https://graph.instagram.com/v21.0';
export const FB_APP_TOKEN = `${MOCK_CLIENTS.facebook.clientId}|${MOCK_CLIENTS.facebook.clientSecret}`;
export function q(base: string, params: Record<string, string>): string {
  return `${base}?${new URLSearchParams(params)}`;
}

/** Walks into a parsed body: at(body, 'data', 0, 'id'). */
export function at(body: unknown, ...path: Array<string | number>): unknown {
  let v: unknown = body;
  for (const k of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

export function str(body: unknown, ...path: Array<string | number>): string {
  const v = at(body, ...path);
  if (typeof v !== 'string')
    throw new Error(`expected a string at ${path.join('.')}, got ${JSON.stringify(v)}`);
  return v;
}

export function num(body: unknown, ...path: Array<string | number>): number {
  const v = at(body, ...path);
  if (typeof v !== 'number')
    throw new Error(`expected a number at ${path.join('.')}, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * A Facebook user token, as the code exchange gives it, for an account already in the world (world.grant
 * gives the Page token the product keeps, networks.md §1.2 Decision).
 */
export async function facebookUserToken(world: MockWorld, accountId: string): Promise<string> {
  world.signIn('facebook', accountId);
  const answer = await get(
    q(`${GRAPH}/oauth/access_token`, {
      client_id: MOCK_CLIENTS.facebook.clientId,
      client_secret: MOCK_CLIENTS.facebook.clientSecret,
      redirect_uri: REDIRECT,
      code: await code('facebook'),
    }),
  );
  return str(answer.body, 'access_token');
}
