// A `fetch` that answers straight from the mock networks, without MSW's interception. Same handlers, same
// answers as createHandlers, but far cheaper per request: MSW's Node interception builds a mock TLS socket per
// request (~250 req/s measured), this builds one Response (thousands per second). Adapters take `ctx.fetch`,
// so the headless simulator and the extension's simulation build can pass this in. See mocks/README.md.

import { dispatch, toMockRequest } from './dispatch.ts';
import type { MockReply, MockRequest } from './http.ts';
import { toResponse } from './http.ts';
import type { MockWorld } from './world.ts';

export interface MockFetchOptions {
  /** What to do with a URL no mock network serves: by default reject (like MSW's onUnhandledFrame: 'error'). */
  onUnhandled?: 'error' | typeof fetch;
}

/**
 * Reads (input, init) without constructing a Request when the body is a string or URLSearchParams (the common
 * case). The URL and Headers the caller passed are used as they are when no copy is needed (the handlers
 * only read them): parsing the URL again and copying the headers cost about a microsecond per request.
 */
function readRequest(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): MockRequest | Promise<MockRequest> {
  const body = init?.body;
  if (
    !(input instanceof Request) &&
    (body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams)
  ) {
    const form = body instanceof URLSearchParams;
    const given = init?.headers;
    // A form body without a content type gets the one fetch would give it: on a copy, never on the caller's.
    const reuse = given instanceof Headers && !(form && !given.has('content-type'));
    const headers = reuse ? given : new Headers(given);
    if (form && !headers.has('content-type')) {
      headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    }
    const method = (init?.method ?? 'GET').toUpperCase();
    const url = input instanceof URL ? input : new URL(String(input));
    // A form is read as the caller's URLSearchParams (readParams); its text only if a route asks for it.
    if (form) return new FormRequest(method, url, headers, body);
    return { method, url, headers, body: body ? String(body) : '' };
  }
  return toMockRequest(new Request(input, init));
}

const isRedirect = (reply: MockReply) =>
  reply.headers?.location !== undefined && reply.status >= 300 && reply.status <= 399;

/**
 * A request with a form body, whose text is serialized only if a route reads `body` (a getter on the class:
 * an object literal with a getter costs an accessor and a closure per request).
 */
class FormRequest implements MockRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly form: URLSearchParams;

  constructor(method: string, url: URL, headers: Headers, form: URLSearchParams) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.form = form;
  }

  get body(): string {
    return String(this.form);
  }
}

export function createMockFetch(world: MockWorld, opts: MockFetchOptions = {}): typeof fetch {
  const unhandled = async (input: RequestInfo | URL, init: RequestInit | undefined, req: MockRequest) => {
    if (typeof opts.onUnhandled === 'function') return opts.onUnhandled(input, init);
    throw new TypeError(`mocks: no mock network handles ${req.method} ${req.url.href}`);
  };
  /** Answers `req`, following redirects as fetch does (`first` is the world's reply to it). */
  const follow = async (
    input: RequestInfo | URL,
    init: RequestInit | undefined,
    first: MockRequest,
    answer: ReturnType<typeof dispatch>,
  ): Promise<Response> => {
    let req = first;
    for (let hops = 0; ; hops++) {
      const reply = answer instanceof Promise ? await answer : answer;
      if (!reply) return unhandled(hops === 0 ? input : req.url.href, hops === 0 ? init : undefined, req);
      const location = reply.headers?.location;
      const mode = init?.redirect ?? (input instanceof Request ? input.redirect : 'follow');
      if (!location || reply.status < 300 || reply.status > 399 || mode === 'manual')
        return toResponse(reply);
      if (mode === 'error' || hops >= 20)
        throw new TypeError(`mocks: redirect to ${location} refused (redirect: ${mode})`);
      // follow: like fetch, continue with a GET to the new location.
      req = { method: 'GET', url: new URL(location, req.url), headers: new Headers(), body: '' };
      answer = dispatch(world, req);
    }
  };
  // The common request (a string or form body, a route that answers at once, no redirect) is read and
  // answered without an async frame or a turn of the microtask queue per step; anything else is `follow`.
  const mockFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      init?.signal?.throwIfAborted();
      const read = readRequest(input, init);
      if (read instanceof Promise) return read.then((req) => follow(input, init, req, dispatch(world, req)));
      const reply = dispatch(world, read);
      if (reply !== undefined && !(reply instanceof Promise) && !isRedirect(reply))
        return Promise.resolve(toResponse(reply));
      return follow(input, init, read, reply);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return mockFetch as typeof fetch;
}
