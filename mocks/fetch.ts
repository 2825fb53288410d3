// A `fetch` that answers straight from the mock networks, without MSW's interception. Same handlers, same
// answers as createHandlers, but far cheaper per request: MSW's Node interception builds a mock TLS socket per
// request (~250 req/s measured), this builds one Response (thousands per second). Adapters take `ctx.fetch`,
// so the headless simulator and the extension's simulation build can pass this in. See mocks/README.md.

import { dispatch, toMockRequest } from './dispatch.ts';
import type { MockRequest } from './http.ts';
import { toResponse } from './http.ts';
import type { MockWorld } from './world.ts';

export interface MockFetchOptions {
  /** What to do with a URL no mock network serves: by default reject (like MSW's onUnhandledFrame: 'error'). */
  onUnhandled?: 'error' | typeof fetch;
}

/** Reads (input, init) without constructing a Request when the body is a string or URLSearchParams (the common case). */
async function readRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<MockRequest> {
  const body = init?.body;
  if (
    !(input instanceof Request) &&
    (body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams)
  ) {
    const headers = new Headers(init?.headers);
    if (body instanceof URLSearchParams && !headers.has('content-type')) {
      headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    }
    return {
      method: (init?.method ?? 'GET').toUpperCase(),
      url: new URL(String(input)),
      headers,
      body: body ? String(body) : '',
    };
  }
  return toMockRequest(new Request(input, init));
}

export function createMockFetch(world: MockWorld, opts: MockFetchOptions = {}): typeof fetch {
  const unhandled = async (input: RequestInfo | URL, init: RequestInit | undefined, req: MockRequest) => {
    if (typeof opts.onUnhandled === 'function') return opts.onUnhandled(input, init);
    throw new TypeError(`mocks: no mock network handles ${req.method} ${req.url.href}`);
  };
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    init?.signal?.throwIfAborted();
    let req = await readRequest(input, init);
    for (let hops = 0; ; hops++) {
      const reply = await dispatch(world, req);
      if (!reply) return unhandled(hops === 0 ? input : req.url.href, hops === 0 ? init : undefined, req);
      const location = reply.headers?.location;
      const mode = init?.redirect ?? (input instanceof Request ? input.redirect : 'follow');
      if (!location || reply.status < 300 || reply.status > 399 || mode === 'manual')
        return toResponse(reply);
      if (mode === 'error' || hops >= 20)
        throw new TypeError(`mocks: redirect to ${location} refused (redirect: ${mode})`);
      // follow: like fetch, continue with a GET to the new location.
      req = { method: 'GET', url: new URL(location, req.url), headers: new Headers(), body: '' };
    }
  };
  return mockFetch as typeof fetch;
}
