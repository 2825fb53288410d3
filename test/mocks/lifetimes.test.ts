// Token lifetimes on the world clock, and the refresh rules each network documents (R12 for the short-lived ones).
import { describe, expect, test } from 'vitest';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import {
  basic,
  bearer,
  code,
  createEnv,
  DAY,
  FB_APP_TOKEN,
  form,
  GRAPH,
  get,
  HOUR,
  IG,
  post,
  q,
  REDIRECT,
  secs,
  str,
  useServer,
} from './harness.ts';

useServer();

const X_TOKEN = 'https://api.x.com/2/oauth2/token';
const G_TOKEN = 'https://oauth2.googleapis.com/token';
const xAuth = basic(MOCK_CLIENTS.x.clientId, MOCK_CLIENTS.x.clientSecret);
const g = MOCK_CLIENTS.youtube;
const li = MOCK_CLIENTS.linkedin;

const xRefresh = (refreshToken: string) =>
  post(X_TOKEN, form({ grant_type: 'refresh_token', refresh_token: refreshToken }), xAuth);
const gRefresh = (refreshToken: string) =>
  post(
    G_TOKEN,
    form({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: g.clientId,
      client_secret: g.clientSecret,
    }),
  );
const liRefresh = (refreshToken: string) =>
  post(
    'https://www.linkedin.com/oauth/v2/accessToken',
    form({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: li.clientId,
      client_secret: li.clientSecret,
    }),
  );

describe('x: 2-hour access tokens, rotating refresh tokens (R12)', () => {
  test('the access token works until 2 h of world clock have passed, then /2/users/me answers 401', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'x-1', network: 'x' });
    const t = world.grant('x-1');
    advance(2 * HOUR - 1000);
    expect((await get('https://api.x.com/2/users/me', bearer(t.accessToken))).status).toBe(200);
    advance(1000);
    const res = await get('https://api.x.com/2/users/me', bearer(t.accessToken));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  test('R12: a refresh returns a new refresh token and the old one is then refused with invalid_request', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'x-1', network: 'x' });
    const t = world.grant('x-1');
    advance(3 * HOUR);
    const first = await xRefresh(t.refreshToken ?? '');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 7200 });
    const rotated = str(first.body, 'refresh_token');
    expect(rotated).not.toBe(t.refreshToken);
    expect((await get('https://api.x.com/2/users/me', bearer(str(first.body, 'access_token')))).status).toBe(
      200,
    );

    const reused = await xRefresh(t.refreshToken ?? '');
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });
    expect((await xRefresh(rotated)).status).toBe(200);
  });

  test('R12: a confidential client may send client_id in the body instead of Basic auth', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'x-1', network: 'x' });
    const t = world.grant('x-1');
    const res = await post(
      X_TOKEN,
      form({
        grant_type: 'refresh_token',
        refresh_token: t.refreshToken ?? '',
        client_id: MOCK_CLIENTS.x.clientId,
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe('google: 1-hour access tokens, refresh token without TTL (R12)', () => {
  test('tokeninfo and the YouTube API accept the token for 3599 s, then refuse it', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'yt-1', network: 'youtube' });
    const t = world.grant('yt-1');
    advance(3598_000);
    expect(
      (await get(`https://oauth2.googleapis.com/tokeninfo?access_token=${t.accessToken}`)).body,
    ).toMatchObject({ expires_in: '1' });
    advance(1000);
    const info = await get(`https://oauth2.googleapis.com/tokeninfo?access_token=${t.accessToken}`);
    expect(info.status).toBe(400);
    expect(info.body).toEqual({ error: 'invalid_token', error_description: 'Invalid Value' });
    const api = await get(
      'https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true',
      bearer(t.accessToken),
    );
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] },
    });
  });

  test('R12: refresh responses omit refresh_token every other time (the client keeps the old one), and it keeps working', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'yt-1', network: 'youtube' });
    const t = world.grant('yt-1');
    const seen: Array<string | undefined> = [];
    for (let i = 0; i < 4; i++) {
      advance(HOUR);
      const res = await gRefresh(t.refreshToken ?? '');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
      seen.push((res.body as { refresh_token?: string }).refresh_token);
    }
    expect(seen).toEqual([undefined, t.refreshToken, undefined, t.refreshToken]);
  });

  test('a refresh token unused for six months dies with invalid_grant; one used monthly stays alive', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'idle', network: 'youtube' });
    world.addAccount({ id: 'busy', network: 'youtube' });
    const idle = world.grant('idle');
    const busy = world.grant('busy');
    for (let month = 0; month < 7; month++) {
      advance(30 * DAY);
      expect((await gRefresh(busy.refreshToken ?? '')).status).toBe(200);
    }
    const res = await gRefresh(idle.refreshToken ?? '');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
  });

  test('a second consent without prompt=consent returns no refresh token; with prompt=consent it does [G-PROMPT]', async () => {
    const { world } = createEnv();
    world.addAccount({ id: 'yt-1', network: 'youtube' });
    world.signIn('youtube', 'yt-1');
    const exchange = async (extra: Record<string, string>) =>
      post(
        G_TOKEN,
        form({
          grant_type: 'authorization_code',
          code: await code('youtube', extra),
          redirect_uri: REDIRECT,
          client_id: g.clientId,
          client_secret: g.clientSecret,
        }),
      );
    expect((await exchange({ access_type: 'offline' })).body).toHaveProperty('refresh_token');
    expect((await exchange({ access_type: 'offline' })).body).not.toHaveProperty('refresh_token');
    expect((await exchange({ access_type: 'offline', prompt: 'consent' })).body).toHaveProperty(
      'refresh_token',
    );
    expect((await exchange({})).body).not.toHaveProperty('refresh_token'); // online access
  });
});

describe('linkedin: 60-day access token, refresh token fixed 365 days from consent', () => {
  test('refreshing issues a new 60-day access token but never extends the refresh horizon [LI-PRT]', async () => {
    const { world, advance, now } = createEnv();
    world.addAccount({ id: 'li-1', network: 'linkedin' });
    const t = world.grant('li-1');
    advance(300 * DAY);
    const res = await liRefresh(t.refreshToken ?? '');
    expect(res.body).toMatchObject({
      expires_in: 60 * 86400,
      refresh_token: t.refreshToken,
      refresh_token_expires_in: 65 * 86400,
    });
    expect(t.refreshExpiresAt).toBe(now() + 65 * DAY);
    advance(65 * DAY);
    const dead = await liRefresh(t.refreshToken ?? '');
    expect(dead.status).toBe(400);
    expect(dead.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
  });

  test('an access token expires after 60 days: introspection says expired, the API answers 65602', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'li-1', network: 'linkedin' });
    const t = world.grant('li-1');
    advance(60 * DAY);
    const intro = await post(
      'https://www.linkedin.com/oauth/v2/introspectToken',
      form({ client_id: li.clientId, client_secret: li.clientSecret, token: t.accessToken }),
    );
    expect(intro.body).toMatchObject({ active: false, status: 'expired' });
    expect((await get('https://api.linkedin.com/v2/userinfo', bearer(t.accessToken))).body).toMatchObject({
      serviceErrorCode: 65602,
    });
  });
});

describe('meta: long-lived tokens and data access', () => {
  test('facebook: fb_exchange_token renews the token but not the 90-day data access; past it debug_token is invalid', async () => {
    const { world, advance, now } = createEnv();
    world.addAccount({ id: 'fb-1', network: 'facebook' });
    const t = world.grant('fb-1');
    const consentAt = now();
    advance(55 * DAY);
    const fb = MOCK_CLIENTS.facebook;
    const renewed = await get(
      q(`${GRAPH}/oauth/access_token`, {
        grant_type: 'fb_exchange_token',
        client_id: fb.clientId,
        client_secret: fb.clientSecret,
        fb_exchange_token: t.accessToken,
      }),
    );
    const token = str(renewed.body, 'access_token');
    const debug = await get(q(`${GRAPH}/debug_token`, { input_token: token, access_token: FB_APP_TOKEN }));
    expect(debug.body).toMatchObject({
      data: {
        is_valid: true,
        expires_at: secs(now() + 60 * DAY),
        data_access_expires_at: secs(consentAt + 90 * DAY),
      },
    });
    advance(35 * DAY); // day 90: data access lapses although the token has not expired
    const lapsed = await get(q(`${GRAPH}/debug_token`, { input_token: token, access_token: FB_APP_TOKEN }));
    expect(lapsed.body).toMatchObject({
      data: { is_valid: false, data_access_expires_at: secs(consentAt + 90 * DAY) },
    });
    expect((await get(q(`${GRAPH}/me`, { access_token: token }))).body).toMatchObject({
      error: { code: 190 },
    });
  });

  test('facebook: the short-lived token from the code exchange expires after 2 h and cannot then be exchanged', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'fb-1', network: 'facebook' });
    world.signIn('facebook', 'fb-1');
    const fb = MOCK_CLIENTS.facebook;
    const short = await get(
      q(`${GRAPH}/oauth/access_token`, {
        client_id: fb.clientId,
        client_secret: fb.clientSecret,
        redirect_uri: REDIRECT,
        code: await code('facebook'),
      }),
    );
    advance(2 * HOUR);
    const res = await get(
      q(`${GRAPH}/oauth/access_token`, {
        grant_type: 'fb_exchange_token',
        client_id: fb.clientId,
        client_secret: fb.clientSecret,
        fb_exchange_token: str(short.body, 'access_token'),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    expect(str(res.body, 'error', 'message')).toMatch(
      /^Error validating access token: Session has expired on /,
    );
  });

  test('instagram: ig_refresh_token refuses a token younger than 24 h, renews an older one for 60 days, refuses an expired one', async () => {
    const { world, advance } = createEnv();
    world.addAccount({ id: 'ig-1', network: 'instagram' });
    const t = world.grant('ig-1');
    const refresh = (token: string) =>
      get(
        q('https://graph.instagram.com/refresh_access_token', {
          grant_type: 'ig_refresh_token',
          access_token: token,
        }),
      );
    advance(23 * HOUR);
    expect((await refresh(t.accessToken)).status).toBe(400);
    advance(HOUR);
    const renewed = await refresh(t.accessToken);
    expect(renewed.body).toMatchObject({ token_type: 'bearer', expires_in: 5184000 });
    advance(61 * DAY);
    const expired = await refresh(str(renewed.body, 'access_token'));
    expect(expired.status).toBe(400);
    expect(str(expired.body, 'error', 'message')).toMatch(/Session has expired on/);
    expect((await get(q(`${IG}/me`, { access_token: t.accessToken }))).status).toBe(400);
  });
});
