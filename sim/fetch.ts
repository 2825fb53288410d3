// The simulator's fetch: every request the adapters make is answered by the MSW handlers of mocks/,
// through MSW's own `getResponse`. Node's socket-level interception (setupServer) builds a TLS context per
// request: measured 4.7-5.7 ms per call on this machine, against ~0.2 ms here, which is what lets a year
// of daily checks of 1,000 accounts run in seconds (README, "Scale"). Same handlers, same Request/Response.
import type { getResponse as GetResponse } from 'msw';
import { createMockFetch } from '../mocks/fetch.ts';
import type { MockWorld } from '../mocks/world.ts';

export interface MswFetch {
  fetch: typeof fetch;
  /** Requests no handler answered: a gap in the mocks, reported as an internal error. */
  unhandled: string[];
}

/**
 * MSW is loaded with the first request, not before: a run with `--fast` (directFetch) never needs it, and
 * loading it costs about 30 MB of memory (measured).
 */
export function mswFetch(world: MockWorld): MswFetch {
  const unhandled: string[] = [];
  let answer: Promise<(request: Request) => ReturnType<typeof GetResponse>> | undefined;
  const load = async () => {
    const [{ getResponse }, { createHandlers }] = await Promise.all([
      import('msw'),
      import('../mocks/handlers/index.ts'),
    ]);
    const list = createHandlers(world);
    return (request: Request) => getResponse(list, request);
  };
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    answer ??= load();
    const response = await (await answer)(request);
    if (response) return response;
    unhandled.push(`${request.method} ${request.url.split('?')[0]}`);
    throw new TypeError(`No mock network answers ${request.method} ${request.url.split('?')[0]}`);
  };
  return { fetch: fetchFn as typeof fetch, unhandled };
}

/** The mocks' own dispatch, without MSW's wrapper: the same handler code, answers byte for byte. */
export function directFetch(world: MockWorld): MswFetch {
  const unhandled: string[] = [];
  const fetchFn = createMockFetch(world, {
    onUnhandled: async (input) => {
      const url = String(input instanceof Request ? input.url : input).split('?')[0]!;
      unhandled.push(url);
      throw new TypeError(`No mock network answers ${url}`);
    },
  });
  return { fetch: fetchFn, unhandled };
}
