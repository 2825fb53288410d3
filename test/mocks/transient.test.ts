// Transient conditions (R11): outages and rate limits until an instant, then healthy again; and the respond
// queue that replays captured answers on any endpoint of a network, refresh included.
import { describe, expect, test } from 'vitest';
import type { Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import type { MockTokens, MockWorld } from '../../mocks/world.ts';
import {
  authorizeUrl,
  basic,
  bearer,
  createEnv,
  FB_APP_TOKEN,
  facebookUserToken,
  form,
  GRAPH,
  get,
  IG,
  MINUTE,
  post,
  q,
  useServer,
} from './harness.ts';

useServer();

/** The health-check call each network's adapter makes (networks.md: "validity check"). */
const CHECK: Record<
  Network,
  (t: MockTokens) => Promise<{ status: number; headers: Headers; body: unknown }>
> = {
  facebook: (t) => get(q(`${GRAPH}/debug_token`, { input_token: t.accessToken, access_token: FB_APP_TOKEN })),
  instagram: (t) => get(q(`${IG}/me`, { fields: 'user_id', access_token: t.accessToken })),
  x: (t) => get('https://api.x.com/2/users/me', bearer(t.accessToken)),
  linkedin: (t) =>
    post(
      'https://www.linkedin.com/oauth/v2/introspectToken',
      form({
        client_id: MOCK_CLIENTS.linkedin.clientId,
        client_secret: MOCK_CLIENTS.linkedin.clientSecret,
        token: t.accessToken,
      }),
    ),
  youtube: (t) =>
    get('https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true', bearer(t.accessToken)),
};

const OUTAGE_BODY: Record<Network, object> = {
  facebook: { error: { code: 2, is_transient: true, type: 'OAuthException' } },
  instagram: { error: { code: 2, is_transient: true } },
  x: { title: 'Service Unavailable', status: 503, type: 'about:blank' },
  linkedin: { status: 503, message: 'Service Unavailable' },
  youtube: { error: { code: 503, errors: [{ reason: 'backendError' }] } },
};

const NETWORKS = ['facebook', 'instagram', 'x', 'linkedin', 'youtube'] as const;

function connected(network: Network): {
  world: MockWorld;
  tokens: MockTokens;
  advance: (ms: number) => void;
  now: () => number;
} {
  const env = createEnv();
  env.world.addAccount({ id: 'acct', network });
  return { ...env, tokens: env.world.grant('acct') };
}

describe('R11 outage(network, until)', () => {
  test.each(NETWORKS)(
    '%s: every call answers 503 with the network body until `until`, then healthy again',
    async (network) => {
      const { world, tokens, advance, now } = connected(network);
      world.outage(network, now() + 30 * MINUTE);
      const down = await CHECK[network](tokens);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject(OUTAGE_BODY[network]);
      expect(
        (await fetch(authorizeUrl(network, { login_hint: 'acct' }), { redirect: 'manual' })).status,
      ).toBe(503);
      advance(30 * MINUTE - 1);
      expect((await CHECK[network](tokens)).status).toBe(503);
      advance(1);
      expect((await CHECK[network](tokens)).status).toBe(200);
      expect(world.calls({ network }).map((c) => c.status)).toEqual([503, 503, 503, 200]);
    },
  );

  test('an outage of one network leaves the others healthy', async () => {
    const { world, tokens, now } = connected('x');
    world.addAccount({ id: 'li', network: 'linkedin' });
    const li = world.grant('li');
    world.outage('linkedin', now() + MINUTE);
    expect((await CHECK.x(tokens)).status).toBe(200);
    expect((await CHECK.linkedin(li)).status).toBe(503);
  });
});

describe('R11 rateLimit(network, until)', () => {
  test('x: 429 problem + x-rate-limit-reset (unix seconds of until) and remaining 0, on refresh too', async () => {
    const { world, tokens, advance, now } = connected('x');
    const until = now() + 15 * MINUTE;
    world.rateLimit('x', until);
    const res = await CHECK.x(tokens);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    });
    expect(res.headers.get('x-rate-limit-reset')).toBe(String(Math.ceil(until / 1000)));
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(res.headers.get('x-rate-limit-limit')).toMatch(/^\d+$/);
    const auth = basic(MOCK_CLIENTS.x.clientId, MOCK_CLIENTS.x.clientSecret);
    const refresh = await post(
      'https://api.x.com/2/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken ?? '' }),
      auth,
    );
    expect(refresh.status).toBe(429);
    advance(15 * MINUTE);
    expect((await CHECK.x(tokens)).status).toBe(200);
  });

  test('facebook: Page-token calls get 80001, user-token calls 32, both with X-Business-Use-Case-Usage minutes to `until`; app-level calls get code 4 / HTTP 403', async () => {
    const { world, tokens, advance, now } = connected('facebook');
    const who = world.identity('acct');
    const pageToken = tokens.accessToken; // what the product keeps (networks.md §1.2 Decision)
    const userToken = await facebookUserToken(world, 'acct');
    world.rateLimit('facebook', now() + 90 * MINUTE);

    const page = await post(
      `${GRAPH}/${who?.networkUserId}/feed`,
      form({ message: 'hi', access_token: pageToken }),
    );
    expect(page.status).toBe(400);
    expect(page.body).toMatchObject({ error: { code: 80001, type: 'OAuthException' } });
    const buc = JSON.parse(page.headers.get('x-business-use-case-usage') ?? '{}');
    expect(buc).toEqual({
      [who?.networkUserId ?? '']: [
        {
          type: 'pages',
          call_count: 100,
          total_cputime: 100,
          total_time: 100,
          estimated_time_to_regain_access: 90,
        },
      ],
    });
    expect(JSON.parse(page.headers.get('x-app-usage') ?? '{}')).toEqual({
      call_count: 100,
      total_time: 100,
      total_cputime: 100,
    });

    const user = await get(q(`${GRAPH}/me`, { access_token: userToken }));
    expect(user.body).toMatchObject({ error: { code: 32, message: '(#32) Page request limit reached' } });

    const app = await get(
      q(`${GRAPH}/oauth/access_token`, {
        client_id: MOCK_CLIENTS.facebook.clientId,
        client_secret: 'x',
        code: 'nope',
        redirect_uri: 'https://e/',
      }),
    );
    expect(app.status).toBe(403);
    expect(app.body).toMatchObject({
      error: { code: 4, is_transient: true, message: '(#4) Application request limit reached' },
    });

    advance(60 * MINUTE);
    const later = await get(q(`${GRAPH}/me`, { access_token: tokens.accessToken }));
    expect(
      JSON.parse(later.headers.get('x-business-use-case-usage') ?? '{}')[who?.networkUserId ?? ''][0]
        .estimated_time_to_regain_access,
    ).toBe(30);
    advance(30 * MINUTE);
    expect((await get(q(`${GRAPH}/me`, { access_token: tokens.accessToken }))).status).toBe(200);
  });

  test('instagram: code 80002 with a business-use-case header of type instagram', async () => {
    const { world, tokens, now } = connected('instagram');
    world.rateLimit('instagram', now() + 5 * MINUTE);
    const res = await CHECK.instagram(tokens);
    expect(res.body).toMatchObject({ error: { code: 80002 } });
    const buc = JSON.parse(res.headers.get('x-business-use-case-usage') ?? '{}');
    expect(Object.values(buc)).toEqual([
      [expect.objectContaining({ type: 'instagram', estimated_time_to_regain_access: 5 })],
    ]);
  });

  test('linkedin: 429 TOO_MANY_REQUESTS body (no reset header is documented, none is sent)', async () => {
    const { world, tokens, now, advance } = connected('linkedin');
    world.rateLimit('linkedin', now() + MINUTE);
    const res = await get('https://api.linkedin.com/v2/userinfo', bearer(tokens.accessToken));
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      status: 429,
      serviceErrorCode: 101,
      code: 'TOO_MANY_REQUESTS',
      message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
    });
    expect(res.headers.get('retry-after')).toBeNull();
    advance(MINUTE);
    expect((await get('https://api.linkedin.com/v2/userinfo', bearer(tokens.accessToken))).status).toBe(200);
  });

  test('youtube: YouTube calls get 403 quotaExceeded (verbatim [YT-QE]); OAuth endpoints get 429; both with Retry-After', async () => {
    const { world, tokens, now } = connected('youtube');
    world.rateLimit('youtube', now() + 2 * MINUTE);
    const api = await CHECK.youtube(tokens);
    expect(api.status).toBe(403);
    const message =
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';
    expect(api.body).toEqual({
      error: { code: 403, message, errors: [{ message, domain: 'youtube.quota', reason: 'quotaExceeded' }] },
    });
    expect(api.headers.get('retry-after')).toBe('120');
    const info = await get(`https://oauth2.googleapis.com/tokeninfo?access_token=${tokens.accessToken}`);
    expect(info.status).toBe(429);
    expect(info.headers.get('retry-after')).toBe('120');
  });
});

describe('respond(network, r): queued verbatim answers', () => {
  test('the next `times` calls to the network, whatever the endpoint (refresh included), answer exactly what was queued, FIFO', async () => {
    const { world, tokens } = connected('x');
    const captured = {
      title: 'UsageCapExceeded',
      detail: 'Usage cap exceeded: Monthly product cap',
      status: 429,
      type: 'https://api.twitter.com/2/problems/usage-capped',
    };
    world.respond('x', { status: 429, body: captured, headers: { 'x-custom': 'yes' }, times: 2 });
    world.respond('x', { status: 500, body: 'upstream exploded' });

    const a = await CHECK.x(tokens);
    expect([a.status, a.body, a.headers.get('x-custom')]).toEqual([429, captured, 'yes']);
    const auth = basic(MOCK_CLIENTS.x.clientId, MOCK_CLIENTS.x.clientSecret);
    const b = await post(
      'https://api.x.com/2/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken ?? '' }),
      auth,
    );
    expect([b.status, b.body]).toEqual([429, captured]);
    const c = await CHECK.x(tokens);
    expect([c.status, c.body]).toEqual([500, 'upstream exploded']);
    expect((await CHECK.x(tokens)).status).toBe(200);
    // The canned refresh never reached the network: the refresh token was not rotated.
    expect(
      (
        await post(
          'https://api.x.com/2/oauth2/token',
          form({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken ?? '' }),
          auth,
        )
      ).status,
    ).toBe(200);
    expect(world.calls({ network: 'x' }).map((x) => `${x.endpoint}:${x.status}`)).toEqual([
      'profile:429',
      'refresh:429',
      'profile:500',
      'profile:200',
      'refresh:200',
    ]);
  });

  test('respond wins over an outage; the consent page is not part of the queue', async () => {
    const { world, tokens, now } = connected('linkedin');
    world.outage('linkedin', now() + MINUTE);
    world.respond('linkedin', { status: 200, body: { active: true, status: 'active' } });
    expect(
      (await fetch(authorizeUrl('linkedin', { login_hint: 'acct' }), { redirect: 'manual' })).status,
    ).toBe(503);
    expect((await CHECK.linkedin(tokens)).body).toEqual({ active: true, status: 'active' });
    expect((await CHECK.linkedin(tokens)).status).toBe(503);
  });

  test('times must be a positive integer', () => {
    const { world } = connected('x');
    expect(() => world.respond('x', { status: 200, body: {}, times: 0 })).toThrow(/times/);
  });
});
