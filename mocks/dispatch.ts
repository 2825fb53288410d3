// The MSW-free core: which mock network serves a URL, the injected faults (respond queue, outage, rate limit)
// applied before the network's own route, and the call log. Used by the MSW handlers (handlers/index.ts) and by
// createMockFetch (fetch.ts), which must not import msw (it cannot load in an MV3 service worker as is).

import { facebook } from './handlers/facebook.ts';
import { instagram } from './handlers/instagram.ts';
import { linkedin } from './handlers/linkedin.ts';
import { x } from './handlers/x.ts';
import { youtube } from './handlers/youtube.ts';
import type { Ctx, MockReply, MockRequest, NetworkMock } from './http.ts';
import { bearer, readParams, text } from './http.ts';
import type { WorldState } from './state.ts';
import { internals, type MockWorld } from './world.ts';

export const NETWORK_MOCKS: readonly NetworkMock[] = [facebook, instagram, x, linkedin, youtube];

export const BY_HOST = new Map<string, NetworkMock>(
  NETWORK_MOCKS.flatMap((n) => n.hosts.map((h) => [h, n] as const)),
);

/** Parameters that carry a token, in the order networks read them. */
const TOKEN_PARAMS = ['access_token', 'input_token', 'fb_exchange_token', 'token', 'refresh_token'] as const;

/** The token (or, for code exchanges, the code's account) a request is about: for the call log and Meta's BUC header. */
function identify(s: WorldState, ctx: Ctx): void {
  let rec = s.tokens.get(bearer(ctx.req) ?? '');
  for (let i = 0; !rec && i < TOKEN_PARAMS.length; i++)
    rec = s.tokens.get(ctx.params.get(TOKEN_PARAMS[i] ?? '') ?? '');
  ctx.token = rec ?? null;
  ctx.accountId =
    rec?.grant.account.identity.id ?? s.codes.get(ctx.params.get('code') ?? '')?.account.identity.id ?? null;
}

/** respond() > outage() > rateLimit(), as scenario.md orders them; the consent page only feels outages. */
function injected(ctx: Ctx, net: NetworkMock, endpoint: string): MockReply | null {
  const { s, now } = ctx;
  const queue = s.canned.get(net.network);
  const head = queue?.[0];
  if (queue && head && endpoint !== 'authorize') {
    head.left--;
    if (head.left <= 0) queue.shift();
    const headers = { ...head.headers };
    if (typeof head.body === 'string') return { status: head.status, raw: head.body, headers };
    if (head.body === undefined || head.body === null) return { status: head.status, raw: '', headers };
    return { status: head.status, body: head.body, headers };
  }
  const down = s.outages.get(net.network);
  if (down !== undefined && now < down) {
    return endpoint === 'authorize' ? text(503, 'Service Unavailable') : net.outage(ctx, endpoint);
  }
  const throttled = s.rateLimits.get(net.network);
  if (throttled !== undefined && now < throttled && endpoint !== 'authorize')
    return net.rateLimited(ctx, endpoint, throttled);
  return null;
}

/**
 * Answers one request from the world's state, or undefined when no mock network has this URL (the caller then
 * treats it as unhandled). Used by the MSW handlers and by createMockFetch. A promise only when the route's
 * handler returns one: most answer at once, and createMockFetch then needs no extra turn of the event loop.
 */
export function dispatch(
  world: MockWorld,
  req: MockRequest,
): MockReply | undefined | Promise<MockReply | undefined> {
  const net = BY_HOST.get(req.url.hostname);
  const hit = net?.route(req.method, req.url);
  if (!net || !hit) return undefined;
  const s = internals(world);
  const ctx: Ctx = {
    s,
    req,
    now: s.now(),
    params: readParams(req),
    path: hit.path,
    accountId: null,
    token: null,
  };
  identify(s, ctx);
  const endpoint = typeof hit.route.endpoint === 'string' ? hit.route.endpoint : hit.route.endpoint(ctx);
  const reply = injected(ctx, net, endpoint) ?? hit.route.handle(ctx);
  return reply instanceof Promise
    ? reply.then((r) => logged(s, ctx, net, endpoint, r))
    : logged(s, ctx, net, endpoint, reply);
}

/** The reply, after noting the call in the world's call log (when it keeps one). */
function logged(s: WorldState, ctx: Ctx, net: NetworkMock, endpoint: string, reply: MockReply): MockReply {
  const { req } = ctx;
  if (s.logCalls) {
    s.calls.push({
      at: ctx.now,
      network: net.network,
      endpoint,
      method: req.method,
      status: reply.status,
      accountId: ctx.accountId,
    });
  }
  return reply;
}

/** True when some mock network serves this method + URL (MSW predicate: anything else stays unhandled). */
export function handles(method: string, url: URL): boolean {
  return BY_HOST.get(url.hostname)?.route(method, url) !== undefined;
}

export async function toMockRequest(request: Request): Promise<MockRequest> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    body: hasBody ? await request.text() : '',
  };
}
