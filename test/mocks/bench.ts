// Throughput of the mock networks (not a test): `npx node test/mocks/bench.ts`.
// 1. through MSW's setupServer (what the tests use), 2. through createMockFetch, 3. a year of daily checks for
// 1,000 accounts (~500k requests) through createMockFetch, as the headless simulator would run it.
// ONLY_SIM=1 runs only the year; SKIP_SIM=1 skips it.
import { getResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { NETWORKS, type Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createMockFetch } from '../../mocks/fetch.ts';
import { createHandlers } from '../../mocks/handlers/index.ts';
import { DAY } from '../../mocks/lifetimes.ts';
import { createWorld, type MockTokens } from '../../mocks/world.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

async function rate(label: string, n: number, call: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  const s = (performance.now() - start) / 1000;
  console.log(`${label}: ${Math.round(n / s)} req/s (${n} requests in ${s.toFixed(2)} s)`);
}

async function viaMsw(): Promise<void> {
  const world = createWorld({ now: () => T0, logCalls: false });
  world.addAccount({ id: 'x', network: 'x' });
  const { accessToken } = world.grant('x');
  const server = setupServer(...createHandlers(world));
  server.listen({ onUnhandledFrame: 'error' });
  const headers = { authorization: `Bearer ${accessToken}` };
  await rate('setupServer + createHandlers (5 handlers)', 2000, async () =>
    (await fetch('https://api.x.com/2/users/me', { headers })).json(),
  );
  // Same request against 40 per-endpoint handlers, for comparison with one-handler-per-network routing.
  server.resetHandlers(
    ...Array.from({ length: 39 }, (_, i) =>
      http.get(`https://api.x.com/2/other${i}`, () => new Response('{}')),
    ),
    ...createHandlers(world),
  );
  await rate('setupServer, 44 handlers', 2000, async () =>
    (await fetch('https://api.x.com/2/users/me', { headers })).json(),
  );
  server.close();
}

async function viaMockFetch(): Promise<void> {
  const world = createWorld({ now: () => T0, logCalls: false });
  world.addAccount({ id: 'x', network: 'x' });
  const { accessToken } = world.grant('x');
  const f = createMockFetch(world);
  const headers = { authorization: `Bearer ${accessToken}` };
  await rate('createMockFetch', 50_000, async () =>
    (await f('https://api.x.com/2/users/me', { headers })).json(),
  );
  // MSW's getResponse over the same handlers (no interception, but MSW's per-handler request cloning).
  const handlers = createHandlers(world);
  await rate('getResponse(createHandlers)', 20_000, async () =>
    (await getResponse(handlers, new Request('https://api.x.com/2/users/me', { headers })))?.json(),
  );
}

/** One daily health check per account, refreshing first where the token is short-lived (R12). */
async function yearOfChecks(accounts: number): Promise<void> {
  let t = T0;
  const world = createWorld({ now: () => t, seed: 3, logCalls: false });
  const f = createMockFetch(world);
  const held = new Map<string, { network: Network; tokens: MockTokens }>();
  for (let i = 0; i < accounts; i++) {
    const network = NETWORKS[i % NETWORKS.length] as Network;
    world.addAccount({ id: `a${i}`, network });
    held.set(`a${i}`, { network, tokens: world.grant(`a${i}`) });
  }
  const form = (o: Record<string, string>) => new URLSearchParams(o);
  const json = async (r: Promise<Response>) => (await r).json() as Promise<Record<string, unknown>>;
  let requests = 0;
  const start = performance.now();
  for (let day = 0; day < 365; day++) {
    t = T0 + day * DAY;
    for (const [, h] of held) {
      const { network, tokens } = h;
      if (network === 'x' || network === 'youtube') {
        const body =
          network === 'x'
            ? await json(
                f('https://api.x.com/2/oauth2/token', {
                  method: 'POST',
                  body: form({
                    grant_type: 'refresh_token',
                    refresh_token: tokens.refreshToken ?? '',
                    client_id: MOCK_CLIENTS.x.clientId,
                  }),
                }),
              )
            : await json(
                f('https://oauth2.googleapis.com/token', {
                  method: 'POST',
                  body: form({
                    grant_type: 'refresh_token',
                    refresh_token: tokens.refreshToken ?? '',
                    client_id: MOCK_CLIENTS.youtube.clientId,
                    client_secret: MOCK_CLIENTS.youtube.clientSecret,
                  }),
                }),
              );
        tokens.accessToken = String(body.access_token);
        if (typeof body.refresh_token === 'string') tokens.refreshToken = body.refresh_token;
        requests++;
      }
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      const check: Record<Network, () => Promise<Response>> = {
        facebook: () =>
          f(
            `https://graph.facebook.com/v20.0/debug_token?input_token=${tokens.accessToken}&access_token=${MOCK_CLIENTS.facebook.clientId}|${MOCK_CLIENTS.facebook.clientSecret}`,
          ),
        instagram: () =>
          f(`https://graph.instagram.com/v21.0/me?fields=user_id&access_token=${tokens.accessToken}`),
        x: () => f('https://api.x.com/2/users/me', { headers: auth }),
        linkedin: () =>
          f('https://www.linkedin.com/oauth/v2/introspectToken', {
            method: 'POST',
            body: form({
              client_id: MOCK_CLIENTS.linkedin.clientId,
              client_secret: MOCK_CLIENTS.linkedin.clientSecret,
              token: tokens.accessToken,
            }),
          }),
        youtube: () =>
          f('https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true', { headers: auth }),
      };
      await json(check[network]());
      requests++;
    }
  }
  const s = (performance.now() - start) / 1000;
  (globalThis as { gc?: () => void }).gc?.(); // run with --expose-gc to see retained (not just allocated) heap
  const heap = Math.round(process.memoryUsage().heapUsed / 1e6);
  console.log(
    `year of daily checks, ${accounts} accounts: ${requests} requests in ${s.toFixed(1)} s = ${Math.round(requests / s)} req/s, heap ${heap} MB`,
  );
}

if (!process.env.ONLY_SIM) await viaMsw();
if (!process.env.ONLY_SIM) await viaMockFetch();
if (!process.env.SKIP_SIM) await yearOfChecks(1000);
