// The mock networks' own tiny HTTP vocabulary, independent of MSW so the same handlers can run behind
// setupServer (tests), behind a plain fetch function (the headless simulator: much faster) or in an MV3 worker.
import type { Network } from '../core/schemas.ts';
import type { TokenRecord, WorldState } from './state.ts';

export interface MockRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Raw request body ('' when none). */
  body: string;
  /** The form body as the caller gave it, when it did so as URLSearchParams (read without re-parsing `body`). */
  form?: URLSearchParams;
}

export interface MockReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `raw` is set. */
  body?: unknown;
  /** Sent verbatim (used where JSON.stringify cannot reproduce the real bytes, e.g. 17-digit numbers). */
  raw?: string;
}

/** Everything a route needs; `accountId` is filled in by routes that resolve a token, for the call log. */
export interface Ctx {
  s: WorldState;
  req: MockRequest;
  now: number;
  /** Query string merged with a form or JSON body: how Graph, Google and LinkedIn read parameters. */
  params: URLSearchParams;
  /** Path parameters from the route pattern (`:id`). */
  path: Record<string, string>;
  accountId: string | null;
  /** The first known token the request carries (bearer, access_token, input_token, token, refresh_token…). */
  token: TokenRecord | null;
}

export interface Route {
  /** Stable name for world.calls(): authorize, token, refresh, exchange, check, profile, pages, publish, … */
  endpoint: string | ((ctx: Ctx) => string);
  handle: (ctx: Ctx) => MockReply | Promise<MockReply>;
}

/** One network: its hosts, a router, and the answers it gives when it is down or throttled. */
export interface NetworkMock {
  network: Network;
  hosts: readonly string[];
  route(method: string, url: URL): { route: Route; path: Record<string, string> } | undefined;
  outage(ctx: Ctx, endpoint: string): MockReply;
  rateLimited(ctx: Ctx, endpoint: string, until: number): MockReply;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): MockReply =>
  headers ? { status, body, headers } : { status, body };

export const text = (status: number, body: string): MockReply => ({
  status,
  raw: body,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
});

/** `Authorization: Bearer x` (Graph also accepts `OAuth x`). */
export function bearer(req: MockRequest): string | null {
  const h = req.headers.get('authorization');
  if (!h) return null;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h.trim());
  return m?.[1] ?? null;
}

/** `Authorization: Basic base64(id:secret)`, decoded with atob (no Buffer: this runs in a service worker). */
export function basicAuth(req: MockRequest): { id: string; secret: string } | null {
  const h = req.headers.get('authorization');
  const m = h ? /^Basic\s+(.+)$/i.exec(h.trim()) : null;
  if (!m?.[1]) return null;
  try {
    const decoded = atob(m[1]);
    const i = decoded.indexOf(':');
    if (i < 0) return null;
    return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  } catch {
    return null;
  }
}

/**
 * Query + urlencoded or JSON body (top-level scalars), later sources winning. The query is copied from the
 * URL's own URLSearchParams (the adapters built it that way) instead of serializing and parsing it again.
 */
export function readParams(req: MockRequest): URLSearchParams {
  const p = new URLSearchParams(req.url.searchParams);
  const type = req.headers.get('content-type') ?? '';
  const json = type.includes('application/json');
  if (req.form && !json && (type.includes('application/x-www-form-urlencoded') || type === '')) {
    for (const [k, v] of req.form) p.set(k, v);
    return p;
  }
  if (req.body === '') return p;
  if (json) {
    try {
      const parsed: unknown = JSON.parse(req.body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) {
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') p.set(k, String(v));
        }
      }
    } catch {
      // Not JSON after all: the route reports the missing parameters.
    }
  } else if (type.includes('application/x-www-form-urlencoded') || type === '') {
    for (const [k, v] of new URLSearchParams(req.body)) p.set(k, v);
  }
  return p;
}

/** The JSON body as an object, or null. */
export function jsonBody(req: MockRequest): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(req.body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const TEXT_PLAIN = 'text/plain;charset=UTF-8';
const encoder = new TextEncoder();
/**
 * Node's Buffer.from takes small buffers from a shared pool, where TextEncoder allocates an ArrayBuffer per
 * call (about 1 µs more, measured). Browsers (the extension's simulation build) have no Buffer.
 */
const toBytes: (text: string) => Uint8Array =
  typeof Buffer === 'function' ? (text) => Buffer.from(text, 'utf8') : (text) => encoder.encode(text);

/**
 * The Fetch API Response for a reply (content-type JSON unless the reply says otherwise). The body is a
 * stream holding the encoded text, read by undici like any body: a string body made undici set up a
 * pull-driven byte stream per response, 2 µs more per request (measured; half a million requests in a year
 * of the README's scale scenario). A string body also gets `text/plain;charset=UTF-8` from undici when no
 * content type is set (Fetch "extract a body"): given here, so the answers are the same byte for byte.
 */
export function toResponse(r: MockReply): Response {
  const isJson = r.raw === undefined && r.body !== undefined;
  const body = isJson ? JSON.stringify(r.body) : (r.raw ?? null);
  // Reply headers are lower-case, so a plain object spread is enough. Most JSON replies have no headers of
  // their own: they share one Headers object, which each Response copies (cheaper than a record).
  const headers = isJson ? (r.headers ? { ...JSON_TYPE, ...r.headers } : JSON_HEADERS) : r.headers;
  // Fetch's null body statuses (101, 103, 204, 205, 304): `new Response` refuses a body with them.
  const nullBody =
    r.status === 204 || r.status === 205 || r.status === 304 || (r.status >= 100 && r.status < 200);
  if (nullBody || body === null) return new Response(null, { status: r.status, headers });
  const typed = isJson || hasContentType(r.headers) ? headers : { ...r.headers, 'content-type': TEXT_PLAIN };
  return new Response(bodyStream(body), { status: r.status, headers: typed });
}

const JSON_TYPE = { 'content-type': 'application/json; charset=UTF-8' };
/** Never changed: a Response copies the headers it is given. */
const JSON_HEADERS = new Headers(JSON_TYPE);

function hasContentType(headers: Record<string, string> | undefined): boolean {
  for (const name in headers) if (name.toLowerCase() === 'content-type') return true;
  return false;
}

/** A stream of the text's UTF-8 bytes, already complete: one chunk, then closed. */
function bodyStream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (text !== '') controller.enqueue(toBytes(text));
      controller.close();
    },
  });
}

/** Seconds, rounded down, as the networks' `expires_in` / `expires_at` fields are. */
export const secs = (ms: number): number => Math.floor(ms / 1000);

type Match = { route: Route; path: Record<string, string> };
type Entry = { segments: string[]; route: Route };

/** A host's routes: exact ones by method, then path; those with `:param` segments by method and segment count. */
interface HostRoutes {
  exact: Map<string, Map<string, Match>>;
  dynamic: Map<string, Entry[]>;
}

/** The match of every exact route: no path parameters (routes only read them). */
const NO_PARAMS: Record<string, string> = Object.freeze({});

/**
 * A router over "METHOD host/path" patterns with `:param` segments, as tables by host (aliases included):
 * an exact route costs three Map lookups on the strings the URL already has (no key is built per request),
 * and the few patterns with parameters are bucketed by method and segment count, so lookups stay O(1).
 */
export function createRouter(
  table: ReadonlyArray<readonly [pattern: string, route: Route]>,
  opts: {
    /** Rewrites the path before matching (Graph: drop the `/v20.0` version prefix). */
    normalize?: (path: string) => string;
    /** Host aliases (api.twitter.com -> api.x.com). */
    aliases?: Readonly<Record<string, string>>;
  } = {},
): NetworkMock['route'] {
  const normalize = opts.normalize ?? ((p: string) => p);
  const byHost = new Map<string, HostRoutes>();
  const routesOf = (host: string): HostRoutes => {
    const routes = byHost.get(host) ?? { exact: new Map(), dynamic: new Map() };
    byHost.set(host, routes);
    return routes;
  };
  for (const [pattern, route] of table) {
    const m = /^(\w+) ([^/]+)(\/.*)$/.exec(pattern);
    if (!m?.[1] || !m[2] || !m[3]) throw new Error(`bad route pattern: ${pattern}`);
    const [method, host, path] = [m[1], m[2], m[3]];
    const routes = routesOf(host);
    const segments = path.split('/').slice(1);
    if (!segments.some((x) => x.startsWith(':'))) {
      const paths = routes.exact.get(method) ?? new Map<string, Match>();
      paths.set(path, { route, path: NO_PARAMS });
      routes.exact.set(method, paths);
      continue;
    }
    const key = `${method} ${segments.length}`;
    const list = routes.dynamic.get(key) ?? [];
    list.push({ segments, route });
    routes.dynamic.set(key, list);
  }
  // An alias answers with its host's routes, even where it has routes of its own (as a lookup through it did).
  for (const [alias, host] of Object.entries(opts.aliases ?? {})) {
    const routes = byHost.get(host);
    if (routes) byHost.set(alias, routes);
    else byHost.delete(alias);
  }
  return (method, url) => {
    const routes = byHost.get(url.hostname);
    if (!routes) return undefined;
    const normal = normalize(url.pathname);
    // Trailing slashes do not count; an empty path is the root.
    const path = (normal.endsWith('/') ? normal.replace(/\/+$/, '') : normal) || '/';
    const hit = routes.exact.get(method)?.get(path);
    if (hit) return hit;
    const segments = path.split('/').slice(1);
    for (const e of routes.dynamic.get(`${method} ${segments.length}`) ?? []) {
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const want = e.segments[i] ?? '';
        const got = segments[i] ?? '';
        if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
        else ok = want === got;
      }
      if (ok) return { route: e.route, path: params };
    }
    return undefined;
  };
}
