// Entry point for MSW: one handler per network. Each matches its hosts and routes internally (dispatch.ts), so
// a request costs one host lookup and one route lookup however many endpoints exist.
import { type HttpHandler, http } from 'msw';
import { BY_HOST, dispatch, NETWORK_MOCKS, toMockRequest } from '../dispatch.ts';
import { toResponse } from '../http.ts';
import type { MockWorld } from '../world.ts';

export { dispatch, handles, NETWORK_MOCKS, toMockRequest } from '../dispatch.ts';

export function createHandlers(world: MockWorld): HttpHandler[] {
  return NETWORK_MOCKS.map((net) =>
    http.all(
      ({ request }) => {
        const url = new URL(request.url);
        return BY_HOST.get(url.hostname) === net && net.route(request.method, url) !== undefined;
      },
      async ({ request }) => {
        const reply = await dispatch(world, await toMockRequest(request));
        return reply ? toResponse(reply) : undefined;
      },
    ),
  );
}
