// Network-side events (scenario.md: revoke, expire-token, security, inactive, delete-account): each network
// answers with the bodies networks.md documents, so the adapters can classify them (R2).
import { describe, expect, test } from 'vitest';
import type { Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import type { MockWorld } from '../../mocks/world.ts';
import {
  authorizeUrl,
  basic,
  bearer,
  code,
  createEnv,
  DAY,
  del,
  FB_APP_TOKEN,
  facebookUserToken,
  form,
  GRAPH,
  get,
  HOUR,
  IG,
  MINUTE,
  post,
  q,
  REDIRECT,
  secs,
  str,
  useServer,
} from './harness.ts';

useServer();

type Fault = 'revoke' | 'expireToken' | 'security' | 'inactive' | 'deleteAccount';
const apply = (world: MockWorld, fault: Fault, id: string) => world[fault](id);

/**
 * Grant at T0, the event `before` later, the check `after` that (default: one day and one hour, i.e. Thu
 * 01-Jan-26 16:00 / 17:00 PST). A control account granted at the same time gets no event.
 */
async function setUp(network: Network, fault: Fault, { before = DAY, after = HOUR } = {}) {
  const env = createEnv();
  const who = env.world.addAccount({ id: 'acct', network });
  env.world.addAccount({ id: 'control', network });
  const tokens = env.world.grant('acct');
  const control = env.world.grant('control');
  env.advance(before);
  apply(env.world, fault, 'acct');
  env.advance(after);
  return { ...env, who, tokens, control };
}
/** For 1-2 hour tokens: event and check while the access token is still fresh, so only the event can fail it. */
const FRESH = { before: 10 * MINUTE, after: 10 * MINUTE };

const EXPIRED_MSG =
  'Error validating access token: Session has expired on Thursday, 01-Jan-26 16:00:00 PST. The current time is Thursday, 01-Jan-26 17:00:00 PST.';
const PASSWORD_MSG =
  'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.';
const missing = (verb: string, id: string) =>
  `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`;

describe('facebook: debug_token (HTTP 200, data.error.subcode) and Graph API errors (HTTP 400)', () => {
  const debug = (token: string) =>
    get(q(`${GRAPH}/debug_token`, { input_token: token, access_token: FB_APP_TOKEN }));
  const me = (token: string) => get(q(`${GRAPH}/me`, { access_token: token }));
  const notAuthorized = `Error validating access token: The user has not authorized application ${MOCK_CLIENTS.facebook.clientId}.`;

  test('revoke: 190/458 "has not authorized application" in debug_token and in the API body', async () => {
    const { tokens } = await setUp('facebook', 'revoke');
    expect((await debug(tokens.accessToken)).body).toMatchObject({
      data: { is_valid: false, error: { code: 190, subcode: 458, message: notAuthorized } },
    });
    const api = await me(tokens.accessToken);
    expect(api.status).toBe(400);
    expect(api.body).toEqual({
      error: {
        message: notAuthorized,
        type: 'OAuthException',
        code: 190,
        error_subcode: 458,
        fbtrace_id: expect.any(String),
      },
    });
  });

  test('expire-token: 190/463 "Session has expired on …"; the API body omits error_subcode like the real capture', async () => {
    const { tokens } = await setUp('facebook', 'expireToken');
    expect((await debug(tokens.accessToken)).body).toMatchObject({
      data: { is_valid: false, error: { code: 190, subcode: 463, message: EXPIRED_MSG } },
    });
    expect((await me(tokens.accessToken)).body).toEqual({
      error: { message: EXPIRED_MSG, type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) },
    });
  });

  test('security: 190/460 password-changed message; no subcode in the API body', async () => {
    const { tokens } = await setUp('facebook', 'security');
    expect((await debug(tokens.accessToken)).body).toMatchObject({
      data: { is_valid: false, error: { code: 190, subcode: 460, message: PASSWORD_MSG } },
    });
    expect((await me(tokens.accessToken)).body).toEqual({
      error: { message: PASSWORD_MSG, type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) },
    });
  });

  test('inactive: debug_token is_valid:false with data_access_expires_at <= now; API calls read as an expired session', async () => {
    const { tokens, now } = await setUp('facebook', 'inactive');
    const d = await debug(tokens.accessToken);
    expect(d.body).toMatchObject({
      data: {
        is_valid: false,
        data_access_expires_at: secs(now() - HOUR),
        expires_at: secs(tokens.expiresAt ?? 0),
      },
    });
    expect((await me(tokens.accessToken)).body).toMatchObject({ error: { code: 190, message: EXPIRED_MSG } });
  });

  test('delete-account: code 100 / subcode 33 GraphMethodException; debug_token nests it; consent is refused', async () => {
    const { tokens, who } = await setUp('facebook', 'deleteAccount');
    expect((await debug(tokens.accessToken)).body).toMatchObject({
      data: {
        is_valid: false,
        error: { code: 100, subcode: 33, message: missing('get', who.networkUserId) },
      },
    });
    expect((await me(tokens.accessToken)).body).toEqual({
      error: {
        message: missing('get', who.networkUserId),
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: expect.any(String),
      },
    });
    const publish = await post(
      `${GRAPH}/${who.networkUserId}/feed`,
      form({ message: 'x', access_token: tokens.accessToken }),
    );
    expect(publish.body).toMatchObject({
      error: { code: 100, error_subcode: 33, message: missing('post', who.networkUserId) },
    });
    const page = await fetch(authorizeUrl('facebook', { login_hint: 'acct' }), { redirect: 'manual' });
    expect(page.status).toBe(400);
  });

  test('the Page token dies with the grant; DELETE /{user-id}/permissions with the app token (app-side revoke) ends it like a user revoke', async () => {
    const { world } = createEnv();
    const who = world.addAccount({ id: 'fb', network: 'facebook' });
    const pageToken = world.grant('fb').accessToken;
    expect((await debug(pageToken)).body).toMatchObject({
      data: { type: 'PAGE', is_valid: true, expires_at: 0, user_id: who.fbUser?.id },
    });
    // A Page token is not the user: /me/permissions does not exist on a Page.
    const onPage = await del(q(`${GRAPH}/me/permissions`, { access_token: pageToken }));
    expect(onPage.body).toMatchObject({ error: { code: 100, type: 'OAuthException' } });
    const revoked = await del(q(`${GRAPH}/${who.fbUser?.id}/permissions`, { access_token: FB_APP_TOKEN }));
    expect(revoked.body).toEqual({ success: true });
    expect((await debug(pageToken)).body).toMatchObject({
      data: { type: 'PAGE', is_valid: false, error: { subcode: 458 } },
    });
  });

  test('DELETE /me/permissions with the user token ends the grant too [FB-PERM]', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'fb', network: 'facebook' });
    const userToken = await facebookUserToken(world, 'fb');
    expect((await del(q(`${GRAPH}/me/permissions`, { access_token: userToken }))).body).toEqual({
      success: true,
    });
    expect((await debug(userToken)).body).toMatchObject({
      data: { is_valid: false, error: { subcode: 458 } },
    });
  });
});

describe('instagram (Instagram Login): Graph API errors on graph.instagram.com/me', () => {
  const me = (token: string) => get(q(`${IG}/me`, { fields: 'user_id,username', access_token: token }));
  const cases: Array<[Fault, object]> = [
    [
      'revoke',
      {
        message: `Error validating access token: The user has not authorized application ${MOCK_CLIENTS.instagram.clientId}.`,
        type: 'OAuthException',
        code: 190,
        error_subcode: 458,
      },
    ],
    ['expireToken', { message: EXPIRED_MSG, type: 'OAuthException', code: 190 }],
    ['security', { message: PASSWORD_MSG, type: 'OAuthException', code: 190 }],
    ['inactive', { message: EXPIRED_MSG, type: 'OAuthException', code: 190 }],
  ];
  test.each(cases)('%s answers HTTP 400 with the documented body', async (fault, error) => {
    const { tokens } = await setUp('instagram', fault);
    const res = await me(tokens.accessToken);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { ...error, fbtrace_id: expect.any(String) } });
  });

  test('delete-account answers code 100 / subcode 33 (Postiz keys on "error_subcode":33)', async () => {
    const { tokens, who } = await setUp('instagram', 'deleteAccount');
    expect((await me(tokens.accessToken)).body).toMatchObject({
      error: { code: 100, error_subcode: 33, type: 'GraphMethodException' },
    });
    const media = await post(
      `${IG}/${who.networkUserId}/media`,
      form({ image_url: 'https://e.com/a.jpg', access_token: tokens.accessToken }),
    );
    expect(media.body).toMatchObject({
      error: { code: 100, error_subcode: 33, message: missing('post', who.networkUserId) },
    });
  });
});

describe('x: token faults are the same 401 at /2/users/me and the same 400 at refresh [BK-TW]; a lock is 403 326', () => {
  const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
  const INVALID_TOKEN = {
    error: 'invalid_request',
    error_description: 'Value passed for the token was invalid.',
  };
  const refresh = (token: string) =>
    post(
      'https://api.x.com/2/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: token }),
      basic(MOCK_CLIENTS.x.clientId, MOCK_CLIENTS.x.clientSecret),
    );

  test.each(['revoke', 'expireToken', 'inactive'] as const)('%s', async (fault) => {
    const { tokens, control } = await setUp('x', fault, FRESH);
    expect((await get('https://api.x.com/2/users/me', bearer(control.accessToken))).status).toBe(200);
    const me = await get('https://api.x.com/2/users/me', bearer(tokens.accessToken));
    expect(me.status).toBe(401);
    expect(me.body).toEqual(UNAUTHORIZED);
    const r = await refresh(tokens.refreshToken ?? '');
    expect(r.status).toBe(400);
    expect(r.body).toEqual(INVALID_TOKEN);
  });

  test('security: HTTP 403 with error code 326 at /2/users/me, /2/tweets and refresh (networks.md §3.4 Decision)', async () => {
    const { tokens, control } = await setUp('x', 'security', FRESH);
    expect((await get('https://api.x.com/2/users/me', bearer(control.accessToken))).status).toBe(200);
    const LOCKED = {
      errors: [
        {
          code: 326,
          message:
            'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://twitter.com to unlock your account.',
        },
      ],
    };
    const me = await get('https://api.x.com/2/users/me', bearer(tokens.accessToken));
    expect([me.status, me.body]).toEqual([403, LOCKED]);
    const tweet = await post('https://api.x.com/2/tweets', JSON.stringify({ text: 'hello' }), {
      ...bearer(tokens.accessToken),
      'content-type': 'application/json',
    });
    expect([tweet.status, tweet.body]).toEqual([403, LOCKED]);
    const r = await refresh(tokens.refreshToken ?? '');
    expect([r.status, r.body]).toEqual([403, LOCKED]);
  });

  test('delete-account: 404 problem of type resource-not-found; refresh refused', async () => {
    const { tokens, who } = await setUp('x', 'deleteAccount', FRESH);
    const me = await get('https://api.x.com/2/users/me', bearer(tokens.accessToken));
    expect(me.status).toBe(404);
    expect(me.body).toMatchObject({
      type: 'https://api.twitter.com/2/problems/resource-not-found',
      status: 404,
      title: 'Not Found Error',
    });
    expect(str(me.body, 'detail')).toContain(who.networkUserId);
    expect((await refresh(tokens.refreshToken ?? '')).body).toEqual(INVALID_TOKEN);
  });

  test('app-side POST /2/oauth2/revoke ends the grant: access and refresh token both refused', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'x', network: 'x' });
    const t = world.grant('x');
    const auth = basic(MOCK_CLIENTS.x.clientId, MOCK_CLIENTS.x.clientSecret);
    expect(
      (
        await post(
          'https://api.x.com/2/oauth2/revoke',
          form({ token: t.accessToken, token_type_hint: 'access_token' }),
          auth,
        )
      ).body,
    ).toEqual({ revoked: true });
    expect((await get('https://api.x.com/2/users/me', bearer(t.accessToken))).status).toBe(401);
    expect((await refresh(t.refreshToken ?? '')).status).toBe(400);
  });

  test('a fresh consent after a revoke works again (a new grant), and other accounts were never affected', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'a', network: 'x' });
    world.addAccount({ id: 'b', network: 'x' });
    world.grant('a');
    const b = world.grant('b');
    world.revoke('a');
    advance(HOUR);
    expect((await get('https://api.x.com/2/users/me', bearer(b.accessToken))).status).toBe(200);
    world.signIn('x', 'a');
    const c = await code('x', {
      code_challenge: 'plain-verifier-0123456789-0123456789-0123',
      code_challenge_method: 'plain',
    });
    const tokens = await post(
      'https://api.x.com/2/oauth2/token',
      form({
        grant_type: 'authorization_code',
        code: c,
        redirect_uri: REDIRECT,
        code_verifier: 'plain-verifier-0123456789-0123456789-0123',
        client_id: MOCK_CLIENTS.x.clientId,
      }),
    );
    expect((await get('https://api.x.com/2/users/me', bearer(str(tokens.body, 'access_token')))).status).toBe(
      200,
    );
  });
});

describe('linkedin: introspection status + REST 401 codes', () => {
  const li = MOCK_CLIENTS.linkedin;
  const introspect = (token: string) =>
    post(
      'https://www.linkedin.com/oauth/v2/introspectToken',
      form({ client_id: li.clientId, client_secret: li.clientSecret, token }),
    );
  const REVOKED = {
    status: 401,
    serviceErrorCode: 65601,
    code: 'REVOKED_ACCESS_TOKEN',
    message: 'The token used in the request has been revoked by the user',
  };
  const EXPIRED = {
    status: 401,
    serviceErrorCode: 65602,
    code: 'EXPIRED_ACCESS_TOKEN',
    message: 'The token used in the request has expired',
  };
  const cases: Array<[Fault, 'revoked' | 'expired', object]> = [
    ['revoke', 'revoked', REVOKED],
    ['security', 'revoked', REVOKED],
    ['inactive', 'revoked', REVOKED],
    ['deleteAccount', 'revoked', REVOKED], // no distinct documented body (mocks/README.md)
    ['expireToken', 'expired', EXPIRED],
  ];
  test.each(cases)(
    '%s: introspect status %s, userinfo 401 with the documented body, refresh refused',
    async (fault, status, body) => {
      const { tokens } = await setUp('linkedin', fault);
      expect((await introspect(tokens.accessToken)).body).toMatchObject({ active: false, status });
      const me = await get('https://api.linkedin.com/v2/userinfo', bearer(tokens.accessToken));
      expect(me.status).toBe(401);
      expect(me.body).toEqual(body);
      const r = await post(
        'https://www.linkedin.com/oauth/v2/accessToken',
        form({
          grant_type: 'refresh_token',
          refresh_token: tokens.refreshToken ?? '',
          client_id: li.clientId,
          client_secret: li.clientSecret,
        }),
      );
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      });
    },
  );

  test('the "revoked right after consent" flake is off by default and, when on, lasts only the configured window', async () => {
    const plain = createEnv();
    plain.world.addAccount({ id: 'li', network: 'linkedin' });
    expect(
      (await get('https://api.linkedin.com/v2/userinfo', bearer(plain.world.grant('li').accessToken))).status,
    ).toBe(200);

    const { world, advance } = createEnv({ linkedinRevokedAfterConsentMs: 5000 });
    world.addAccount({ id: 'li', network: 'linkedin' });
    const tokens = world.grant('li');
    expect((await get('https://api.linkedin.com/v2/userinfo', bearer(tokens.accessToken))).body).toEqual(
      REVOKED,
    );
    expect((await introspect(tokens.accessToken)).body).toMatchObject({ active: true });
    advance(5000);
    expect((await get('https://api.linkedin.com/v2/userinfo', bearer(tokens.accessToken))).status).toBe(200);
  });
});

describe('youtube: Google OAuth vs YouTube account states', () => {
  const g = MOCK_CLIENTS.youtube;
  const tokeninfo = (token: string) => get(`https://oauth2.googleapis.com/tokeninfo?access_token=${token}`);
  const channels = (token: string) =>
    get('https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true', bearer(token));
  const refresh = (token: string) =>
    post(
      'https://oauth2.googleapis.com/token',
      form({
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: g.clientId,
        client_secret: g.clientSecret,
      }),
    );

  test.each(['revoke', 'expireToken', 'inactive'] as const)(
    '%s: tokeninfo 400 invalid_token, API 401, refresh invalid_grant',
    async (fault) => {
      const { tokens, control } = await setUp('youtube', fault, FRESH);
      expect((await tokeninfo(control.accessToken)).status).toBe(200);
      expect((await tokeninfo(tokens.accessToken)).body).toEqual({
        error: 'invalid_token',
        error_description: 'Invalid Value',
      });
      const api = await channels(tokens.accessToken);
      expect(api.status).toBe(401);
      expect(api.body).toMatchObject({
        error: {
          code: 401,
          status: 'UNAUTHENTICATED',
          errors: [{ reason: 'authError', message: 'Invalid Credentials' }],
        },
      });
      const r = await refresh(tokens.refreshToken ?? '');
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      });
    },
  );

  test('security: tokens stay valid (tokeninfo, refresh) but every YouTube call answers 403 authenticatedUserAccountSuspended', async () => {
    const env = createEnv();
    env.world.addAccount({ id: 'yt', network: 'youtube' });
    const tokens = env.world.grant('yt');
    env.world.security('yt');
    expect((await tokeninfo(tokens.accessToken)).status).toBe(200);
    const r = await refresh(tokens.refreshToken ?? '');
    expect(r.status).toBe(200);
    for (const token of [tokens.accessToken, str(r.body, 'access_token')]) {
      const api = await channels(token);
      expect(api.status).toBe(403);
      expect(api.body).toMatchObject({
        error: { code: 403, errors: [{ reason: 'authenticatedUserAccountSuspended' }] },
      });
    }
  });

  test('delete-account: 403 authenticatedUserAccountClosed on YouTube calls; consent refused', async () => {
    const env = createEnv();
    env.world.addAccount({ id: 'yt', network: 'youtube' });
    const tokens = env.world.grant('yt');
    env.world.deleteAccount('yt');
    const api = await channels(tokens.accessToken);
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({
      error: { code: 403, errors: [{ reason: 'authenticatedUserAccountClosed' }] },
    });
    expect(env.world.identity('yt')?.deleted).toBe(true);
    expect((await fetch(authorizeUrl('youtube', { login_hint: 'yt' }), { redirect: 'manual' })).status).toBe(
      400,
    );
  });

  test('app-side POST /revoke?token= revokes the grant (refresh token too); revoking again answers 400', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'yt', network: 'youtube' });
    const t = world.grant('yt');
    const first = await post(`https://oauth2.googleapis.com/revoke?token=${t.accessToken}`, null);
    expect(first.status).toBe(200);
    expect((await refresh(t.refreshToken ?? '')).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    expect((await post(`https://oauth2.googleapis.com/revoke?token=${t.accessToken}`, null)).status).toBe(
      400,
    );
  });
});
