// The mocks validate requests the way the real APIs do, so a wrong adapter fails here instead of in production:
// missing/unknown tokens, wrong client credentials, reused or expired codes, PKCE, redirect_uri, consent.
import { describe, expect, test } from 'vitest';
import type { Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import {
  authorizeUrl,
  basic,
  bearer,
  code,
  consent,
  createEnv,
  FB_APP_TOKEN,
  facebookUserToken,
  form,
  GRAPH,
  get,
  IG,
  pkce,
  post,
  q,
  REDIRECT,
  str,
  useServer,
} from './harness.ts';

useServer();

const fb = MOCK_CLIENTS.facebook;
const ig = MOCK_CLIENTS.instagram;
const xc = MOCK_CLIENTS.x;
const li = MOCK_CLIENTS.linkedin;
const g = MOCK_CLIENTS.youtube;

const CANNOT_PARSE = {
  message: 'Invalid OAuth access token - Cannot parse access token',
  type: 'OAuthException',
  code: 190,
};
const X_401 = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const LI_INVALID = { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 };

/** The profile call per network with an optional token, and the answer for a missing/unknown one. */
const PROFILE: Record<
  Network,
  [call: (token: string | null) => ReturnType<typeof get>, status: number, body: object]
> = {
  facebook: [
    (t) => get(t ? q(`${GRAPH}/me`, { access_token: t }) : `${GRAPH}/me`),
    400,
    { error: { ...CANNOT_PARSE, fbtrace_id: expect.any(String) } },
  ],
  instagram: [
    (t) => get(t ? q(`${IG}/me`, { access_token: t }) : `${IG}/me`),
    400,
    { error: { ...CANNOT_PARSE, fbtrace_id: expect.any(String) } },
  ],
  x: [(t) => get('https://api.x.com/2/users/me', t ? bearer(t) : {}), 401, X_401],
  linkedin: [(t) => get('https://api.linkedin.com/v2/userinfo', t ? bearer(t) : {}), 401, LI_INVALID],
  youtube: [
    (t) => get('https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true', t ? bearer(t) : {}),
    401,
    {
      error: {
        code: 401,
        status: 'UNAUTHENTICATED',
        errors: [
          {
            reason: 'authError',
            message: 'Invalid Credentials',
            domain: 'global',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
      },
    },
  ],
};

describe('tokens', () => {
  test.each(Object.keys(PROFILE) as Network[])(
    '%s: a missing or unknown token gets the network’s own auth error',
    async (network) => {
      createEnv();
      const [call, status, body] = PROFILE[network];
      for (const token of [null, 'not-a-token-at-all']) {
        const res = await call(token);
        expect(res.status).toBe(status);
        expect(res.body).toMatchObject(body);
      }
    },
  );

  test('facebook debug_token: unknown input token -> 200 is_valid:false "Cannot parse"; wrong app token -> 400 (#100)', async () => {
    createEnv();
    expect(
      (await get(q(`${GRAPH}/debug_token`, { input_token: 'garbage', access_token: FB_APP_TOKEN }))).body,
    ).toEqual({
      data: {
        error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
        is_valid: false,
        scopes: [],
      },
    });
    const wrong = await get(
      q(`${GRAPH}/debug_token`, { input_token: 'garbage', access_token: `${fb.clientId}|wrong` }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      error: {
        message:
          '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
        type: 'OAuthException',
        code: 100,
        fbtrace_id: expect.any(String),
      },
    });
  });

  test('a refresh token is not an access token (x, youtube)', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'x', network: 'x' });
    world.addAccount({ id: 'yt', network: 'youtube' });
    expect(
      (await get('https://api.x.com/2/users/me', bearer(world.grant('x').refreshToken ?? ''))).status,
    ).toBe(401);
    expect(
      (await get(`https://oauth2.googleapis.com/tokeninfo?access_token=${world.grant('yt').refreshToken}`))
        .status,
    ).toBe(400);
  });
});

describe('client credentials', () => {
  test('facebook: wrong secret on the code exchange -> code 1 "Error validating client secret."', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'facebook' });
    world.signIn('facebook', 'a');
    const res = await get(
      q(`${GRAPH}/oauth/access_token`, {
        client_id: fb.clientId,
        client_secret: 'nope',
        redirect_uri: REDIRECT,
        code: await code('facebook'),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        message: 'Error validating client secret.',
        type: 'OAuthException',
        code: 1,
        fbtrace_id: expect.any(String),
      },
    });
  });

  test('instagram: wrong secret -> flat {error_type, code: 400, error_message: "Invalid platform app"}', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'instagram' });
    world.signIn('instagram', 'a');
    const res = await post(
      'https://api.instagram.com/oauth/access_token',
      form({
        client_id: ig.clientId,
        client_secret: 'nope',
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
        code: await code('instagram'),
      }),
    );
    expect(res.body).toEqual({
      error_type: 'OAuthException',
      code: 400,
      error_message: 'Invalid platform app',
    });
  });

  test('x: wrong Basic credentials -> 401 unauthorized_client', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    const t = world.grant('a');
    const res = await post(
      'https://api.x.com/2/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: t.refreshToken ?? '' }),
      basic(xc.clientId, 'nope'),
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Missing valid authorization header',
    });
  });

  test('linkedin: wrong secret -> 401 invalid_client on accessToken and introspectToken', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'linkedin' });
    const t = world.grant('a');
    const refresh = await post(
      'https://www.linkedin.com/oauth/v2/accessToken',
      form({
        grant_type: 'refresh_token',
        refresh_token: t.refreshToken ?? '',
        client_id: li.clientId,
        client_secret: 'nope',
      }),
    );
    expect([refresh.status, refresh.body]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Client authentication failed' },
    ]);
    const intro = await post(
      'https://www.linkedin.com/oauth/v2/introspectToken',
      form({ client_id: li.clientId, client_secret: 'nope', token: t.accessToken }),
    );
    expect(intro.status).toBe(401);
  });

  test('youtube: wrong secret -> 401 invalid_client "Unauthorized"; unknown client -> "The OAuth client was not found."', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'youtube' });
    const t = world.grant('a');
    const wrong = await post(
      'https://oauth2.googleapis.com/token',
      form({
        grant_type: 'refresh_token',
        refresh_token: t.refreshToken ?? '',
        client_id: g.clientId,
        client_secret: 'nope',
      }),
    );
    expect([wrong.status, wrong.body]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Unauthorized' },
    ]);
    const unknown = await post(
      'https://oauth2.googleapis.com/token',
      form({
        grant_type: 'refresh_token',
        refresh_token: t.refreshToken ?? '',
        client_id: 'other',
        client_secret: 'nope',
      }),
    );
    expect(unknown.body).toEqual({
      error: 'invalid_client',
      error_description: 'The OAuth client was not found.',
    });
  });
});

describe('authorization codes', () => {
  /** Exchange a code at each network's token endpoint with correct client credentials. */
  const EXCHANGE: Record<Network, (c: string, verifier?: string) => ReturnType<typeof post>> = {
    facebook: (c) =>
      get(
        q(`${GRAPH}/oauth/access_token`, {
          client_id: fb.clientId,
          client_secret: fb.clientSecret,
          redirect_uri: REDIRECT,
          code: c,
        }),
      ),
    instagram: (c) =>
      post(
        'https://api.instagram.com/oauth/access_token',
        form({
          client_id: ig.clientId,
          client_secret: ig.clientSecret,
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT,
          code: c,
        }),
      ),
    x: (c, v) =>
      post(
        'https://api.x.com/2/oauth2/token',
        form({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: v ?? '' }),
        basic(xc.clientId, xc.clientSecret),
      ),
    linkedin: (c) =>
      post(
        'https://www.linkedin.com/oauth/v2/accessToken',
        form({
          grant_type: 'authorization_code',
          code: c,
          redirect_uri: REDIRECT,
          client_id: li.clientId,
          client_secret: li.clientSecret,
        }),
      ),
    youtube: (c, v) =>
      post(
        'https://oauth2.googleapis.com/token',
        form({
          grant_type: 'authorization_code',
          code: c,
          redirect_uri: REDIRECT,
          client_id: g.clientId,
          client_secret: g.clientSecret,
          ...(v ? { code_verifier: v } : {}),
        }),
      ),
  };
  const USED: Record<Network, object> = {
    facebook: {
      error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100 },
    },
    instagram: {
      error_type: 'OAuthException',
      code: 400,
      error_message: 'This authorization code has been used',
    },
    x: {
      error: 'invalid_request',
      error_description: 'Value passed for the authorization code was invalid.',
    },
    linkedin: {
      error: 'invalid_request',
      error_description: expect.stringMatching(
        /^Unable to retrieve access token: appid\/redirect uri\/code verifier does not match/,
      ),
    },
    youtube: { error: 'invalid_grant', error_description: 'Bad Request' },
  };

  test.each(Object.keys(EXCHANGE) as Network[])(
    '%s: a code works once; the second exchange gets the network’s invalid-code error',
    async (network) => {
      const { world } = createEnv();
      world.addAccount({ id: 'a', network });
      world.signIn(network, 'a');
      const { verifier, challenge } = await pkce();
      const c = await code(network, { code_challenge: challenge, code_challenge_method: 'S256' });
      expect((await EXCHANGE[network](c, verifier)).status).toBe(200);
      const again = await EXCHANGE[network](c, verifier);
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject(USED[network]);
    },
  );

  test('x: an authorization code lives 30 seconds [X-AC]', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    world.signIn('x', 'a');
    const { verifier, challenge } = await pkce();
    const c = await code('x', { code_challenge: challenge, code_challenge_method: 'S256' });
    advance(31_000);
    expect((await EXCHANGE.x(c, verifier)).body).toEqual(USED.x);
  });

  test('x: a wrong or missing PKCE verifier is refused with X’s own texts', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    world.signIn('x', 'a');
    const { challenge } = await pkce();
    const c = await code('x', { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await EXCHANGE.x(c, 'the-wrong-verifier-0123456789-0123456789')).body).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the code verifier did not match the code challenge.',
    });
    expect((await EXCHANGE.x(c, '')).body).toEqual({
      error: 'invalid_request',
      error_description: 'Missing required parameter [code_verifier].',
    });
  });

  test('youtube: PKCE bound when a challenge was sent: wrong -> "Invalid code verifier.", missing -> "Missing code verifier."', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'youtube' });
    world.signIn('youtube', 'a');
    const { challenge } = await pkce();
    const c = await code('youtube', { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await EXCHANGE.youtube(c, 'wrong-verifier-0123456789-0123456789-012')).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });
    expect((await EXCHANGE.youtube(c)).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Missing code verifier.',
    });
  });

  test('redirect_uri must equal the one used at consent (facebook text)', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'facebook' });
    world.signIn('facebook', 'a');
    const res = await get(
      q(`${GRAPH}/oauth/access_token`, {
        client_id: fb.clientId,
        client_secret: fb.clientSecret,
        redirect_uri: 'https://evil.example/',
        code: await code('facebook'),
      }),
    );
    expect(str(res.body, 'error', 'message')).toMatch(
      /^Error validating verification code\. Please make sure your redirect_uri is identical/,
    );
  });
});

describe('consent page', () => {
  test('nobody signed in -> 400 with a plain explanation; signIn(network, null) signs out', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'linkedin' });
    const res = await fetch(authorizeUrl('linkedin'), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Nobody is signed in at the mock linkedin.*signIn/);
    world.signIn('linkedin', 'a');
    expect((await fetch(authorizeUrl('linkedin'), { redirect: 'manual' })).status).toBe(302);
    world.signIn('linkedin', null);
    expect((await fetch(authorizeUrl('linkedin'), { redirect: 'manual' })).status).toBe(400);
  });

  test('login_hint=<accountId> picks the account whoever is signed in', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    const b = world.addAccount({ id: 'b', network: 'x' });
    world.signIn('x', 'a');
    const { verifier, challenge } = await pkce();
    const c = await code('x', { login_hint: 'b', code_challenge: challenge, code_challenge_method: 'S256' });
    const t = await post(
      'https://api.x.com/2/oauth2/token',
      form({
        grant_type: 'authorization_code',
        code: c,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: xc.clientId,
      }),
    );
    expect(
      (await get('https://api.x.com/2/users/me', bearer(str(t.body, 'access_token')))).body,
    ).toMatchObject({ data: { id: b.networkUserId } });
  });

  test.each([
    ['facebook', { error: 'access_denied', error_reason: 'user_denied', state: 'st-123' }],
    ['instagram', { error: 'access_denied', error_reason: 'user_denied', state: 'st-123' }],
    ['x', { error: 'access_denied', state: 'st-123' }],
    ['linkedin', { error: 'user_cancelled_authorize', state: 'st-123' }],
    ['youtube', { error: 'access_denied', state: 'st-123' }],
  ] as const)(
    '%s: mock_consent=deny is the Cancel path (redirect with the network’s denial, no code)',
    async (network, expected) => {
      const { world } = createEnv();
      world.addAccount({ id: 'a', network });
      world.signIn(network, 'a');
      const back = await consent(network, { mock_consent: 'deny', code_challenge: 'c'.repeat(43) });
      expect(Object.fromEntries(back.searchParams)).toMatchObject(expected);
      expect(back.searchParams.has('code')).toBe(false);
    },
  );

  test('a wrong client_id, a missing redirect_uri or (x) a missing code_challenge get a 400 page', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    world.signIn('x', 'a');
    expect(
      (
        await fetch(authorizeUrl('x', { client_id: 'someone-else', code_challenge: 'c' }), {
          redirect: 'manual',
        })
      ).status,
    ).toBe(400);
    expect(
      (await fetch(authorizeUrl('x', { redirect_uri: '', code_challenge: 'c' }), { redirect: 'manual' }))
        .status,
    ).toBe(400);
    expect((await fetch(authorizeUrl('x'), { redirect: 'manual' })).status).toBe(400);
  });

  test('world methods reject unknown accounts and cross-network sign-ins', () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    expect(() => world.signIn('linkedin', 'a')).toThrow(/not a linkedin account/);
    expect(() => world.revoke('nope')).toThrow(/unknown account 'nope'/);
    expect(() => world.addAccount({ id: 'a', network: 'youtube' })).toThrow(/already exists on x/);
  });
});

describe('publishing rules', () => {
  test('facebook: posting to a Page needs the Page token; the user token gets (#200)', async () => {
    const { world } = createEnv();
    const who = world.addAccount({ id: 'a', network: 'facebook' });
    const res = await post(
      `${GRAPH}/${who.networkUserId}/feed`,
      form({ message: 'x', access_token: await facebookUserToken(world, 'a') }),
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 200, type: 'OAuthException' } });
  });

  test('instagram: publishing to another account’s id -> code 10 IGApiException [BK-IG err__1]', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'a', network: 'instagram' });
    const other = world.addAccount({ id: 'b', network: 'instagram' });
    const t = world.grant('a');
    const res = await post(
      `${IG}/${other.networkUserId}/media`,
      form({ image_url: 'https://e.com/a.jpg', access_token: t.accessToken }),
    );
    expect(res.body).toMatchObject({
      error: {
        message: 'Application does not have permission for this action',
        type: 'IGApiException',
        code: 10,
      },
    });
  });

  test('linkedin: /rest/posts needs LinkedIn-Version and the token’s own author URN', async () => {
    const { world } = createEnv();
    const who = world.addAccount({ id: 'a', network: 'linkedin' });
    const t = world.grant('a');
    const send = (headers: Record<string, string>, author: string) =>
      post(
        'https://api.linkedin.com/rest/posts',
        JSON.stringify({ author, commentary: 'hi', lifecycleState: 'PUBLISHED' }),
        {
          ...bearer(t.accessToken),
          'content-type': 'application/json',
          ...headers,
        },
      );
    expect((await send({}, `urn:li:person:${who.networkUserId}`)).body).toMatchObject({
      status: 400,
      code: 'VERSION_MISSING',
    });
    expect((await send({ 'LinkedIn-Version': '202601' }, 'urn:li:person:someoneelse')).status).toBe(403);
    expect((await send({ 'LinkedIn-Version': '202601' }, `urn:li:person:${who.networkUserId}`)).status).toBe(
      201,
    );
  });

  test('a URL no mock network serves stays unhandled (fetch rejects under onUnhandledFrame error)', async () => {
    createEnv();
    await expect(fetch('https://api.x.com/2/not-an-endpoint')).rejects.toThrow();
  });
});
