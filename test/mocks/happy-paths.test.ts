// The full healthy loop per network, through the real URLs the adapters call:
// consent redirect -> code -> token -> check -> profile -> publish, and the mock records what was published.
import { describe, expect, test } from 'vitest';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import {
  at,
  basic,
  bearer,
  code,
  consent,
  createEnv,
  DAY,
  FB_APP_TOKEN,
  form,
  GRAPH,
  get,
  HOUR,
  IG,
  num,
  pkce,
  post,
  q,
  REDIRECT,
  secs,
  str,
  useServer,
} from './harness.ts';

useServer();

describe('happy paths', () => {
  test('facebook: code -> short-lived token -> 60-day token -> debug_token -> /me -> Page token -> /{page}/feed', async () => {
    const { world, now } = createEnv();
    const who = world.addAccount({ id: 'fb-1', network: 'facebook' });
    world.signIn('facebook', 'fb-1');
    const redirect = await consent('facebook');
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('st-123');
    const fb = MOCK_CLIENTS.facebook;

    const short = await get(
      q(`${GRAPH}/oauth/access_token`, {
        client_id: fb.clientId,
        redirect_uri: REDIRECT,
        client_secret: fb.clientSecret,
        code: redirect.searchParams.get('code') ?? '',
      }),
    );
    expect(short.status).toBe(200);
    expect(short.body).toMatchObject({ token_type: 'bearer', expires_in: 2 * 3600 });

    const long = await get(
      q(`${GRAPH}/oauth/access_token`, {
        grant_type: 'fb_exchange_token',
        client_id: fb.clientId,
        client_secret: fb.clientSecret,
        fb_exchange_token: str(short.body, 'access_token'),
      }),
    );
    expect(long.body).toMatchObject({ token_type: 'bearer', expires_in: 60 * 86400 }); // [FB-LL]
    const userToken = str(long.body, 'access_token');

    const debug = await get(
      q(`${GRAPH}/debug_token`, { input_token: userToken, access_token: FB_APP_TOKEN }),
    );
    expect(debug.status).toBe(200);
    expect(debug.body).toMatchObject({
      data: {
        app_id: fb.clientId,
        type: 'USER',
        is_valid: true,
        expires_at: secs(now() + 60 * DAY),
        data_access_expires_at: secs(now() + 90 * DAY), // [FB-AUTHDATA]
        user_id: who.fbUser?.id,
      },
    });

    const me = await get(q(`https://graph.facebook.com/me`, { fields: 'id,name', access_token: userToken }));
    expect(me.body).toEqual({ id: who.fbUser?.id, name: who.fbUser?.name });

    const pages = await get(
      q(`${GRAPH}/me/accounts`, { fields: 'id,name,access_token,picture.type(large)' }),
      bearer(userToken),
    );
    expect(at(pages.body, 'data', 0)).toMatchObject({ id: who.networkUserId, name: who.name });
    const pageToken = str(pages.body, 'data', 0, 'access_token');
    const pageDebug = await get(
      q(`${GRAPH}/debug_token`, { input_token: pageToken, access_token: FB_APP_TOKEN }),
    );
    expect(pageDebug.body).toMatchObject({
      data: { type: 'PAGE', expires_at: 0, is_valid: true, profile_id: who.networkUserId },
    });

    const published = await post(
      `${GRAPH}/${who.networkUserId}/feed`,
      form({ message: 'Hello page', access_token: pageToken }),
    );
    expect(published.status).toBe(200);
    expect(str(published.body, 'id')).toMatch(new RegExp(`^${who.networkUserId}_\\d+$`));
    expect(world.posts('fb-1')).toEqual([{ id: str(published.body, 'id'), text: 'Hello page', at: now() }]);
    expect(world.calls({ network: 'facebook' }).map((c) => c.endpoint)).toEqual([
      'authorize',
      'token',
      'exchange',
      'check',
      'profile',
      'pages',
      'check',
      'publish',
    ]);
    expect(world.calls({ accountId: 'fb-1' })).toHaveLength(8);
  });

  test('instagram: code -> short-lived token -> ig_exchange_token -> /me -> container -> media_publish', async () => {
    const { world, now } = createEnv();
    const who = world.addAccount({ id: 'ig-1', network: 'instagram' });
    world.signIn('instagram', 'ig-1');
    const ig = MOCK_CLIENTS.instagram;
    const res = await fetch('https://api.instagram.com/oauth/access_token', {
      method: 'POST',
      body: form({
        client_id: ig.clientId,
        client_secret: ig.clientSecret,
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
        code: await code('instagram'),
      }),
    });
    const raw = await res.text();
    expect(res.status).toBe(200);
    // [IG-OAT]: user_id is a bare JSON number (17 digits, beyond 2^53), so clients must not trust JSON.parse for it.
    expect(raw).toContain(`"user_id":${who.networkUserId},`);
    const short = str(JSON.parse(raw), 'access_token');

    const long = await get(
      q(`https://graph.instagram.com/access_token`, {
        grant_type: 'ig_exchange_token',
        client_secret: ig.clientSecret,
        access_token: short,
      }),
    );
    expect(long.body).toMatchObject({ token_type: 'bearer', expires_in: 5184000 }); // [BK-IG]
    const token = str(long.body, 'access_token');

    const me = await get(
      q(`${IG}/me`, { fields: 'user_id,username,name,profile_picture_url', access_token: token }),
    );
    expect(me.body).toEqual({
      user_id: who.networkUserId,
      username: who.handle,
      name: who.name,
      profile_picture_url: who.avatarUrl,
    });

    const container = await post(
      `${IG}/${who.networkUserId}/media`,
      form({ image_url: 'https://example.com/a.jpg', caption: 'Hi IG', access_token: token }),
    );
    expect(container.status).toBe(200);
    const published = await post(
      `${IG}/${who.networkUserId}/media_publish`,
      form({ creation_id: str(container.body, 'id'), access_token: token }),
    );
    expect(published.status).toBe(200);
    expect(world.posts('ig-1')).toEqual([{ id: str(published.body, 'id'), text: 'Hi IG', at: now() }]);
    // A container publishes once.
    const again = await post(
      `${IG}/${who.networkUserId}/media_publish`,
      form({ creation_id: str(container.body, 'id'), access_token: token }),
    );
    expect(again.status).toBe(400);
  });

  test('x: PKCE S256 consent -> token (Basic auth) -> /2/users/me -> /2/tweets', async () => {
    const { world, now } = createEnv();
    const who = world.addAccount({ id: 'x-1', network: 'x' });
    world.signIn('x', 'x-1');
    const { verifier, challenge } = await pkce();
    const c = await code('x', { code_challenge: challenge, code_challenge_method: 'S256' });
    const xc = MOCK_CLIENTS.x;
    const tokens = await post(
      'https://api.x.com/2/oauth2/token',
      form({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: verifier }),
      basic(xc.clientId, xc.clientSecret),
    );
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      scope: 'tweet.read tweet.write users.read offline.access',
    });
    expect(str(tokens.body, 'refresh_token')).not.toBe(str(tokens.body, 'access_token'));

    const me = await get(
      'https://api.twitter.com/2/users/me?user.fields=profile_image_url',
      bearer(str(tokens.body, 'access_token')),
    );
    expect(me.body).toEqual({
      data: { id: who.networkUserId, name: who.name, username: who.handle, profile_image_url: who.avatarUrl },
    });

    const tweet = await fetch('https://api.x.com/2/tweets', {
      method: 'POST',
      headers: { ...bearer(str(tokens.body, 'access_token')), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello x' }),
    });
    expect(tweet.status).toBe(201);
    const body: unknown = await tweet.json();
    expect(body).toEqual({
      data: {
        edit_history_tweet_ids: [str(body, 'data', 'id')],
        id: str(body, 'data', 'id'),
        text: 'hello x',
      },
    });
    expect(world.posts('x-1')).toEqual([{ id: str(body, 'data', 'id'), text: 'hello x', at: now() }]);
  });

  test('linkedin: code -> accessToken (refresh token, 365-day horizon) -> introspectToken -> userinfo -> /rest/posts', async () => {
    const { world, now } = createEnv();
    const who = world.addAccount({ id: 'li-1', network: 'linkedin' });
    world.signIn('linkedin', 'li-1');
    const li = MOCK_CLIENTS.linkedin;
    const tokens = await post(
      'https://www.linkedin.com/oauth/v2/accessToken',
      form({
        grant_type: 'authorization_code',
        code: await code('linkedin'),
        redirect_uri: REDIRECT,
        client_id: li.clientId,
        client_secret: li.clientSecret,
      }),
    );
    expect(tokens.body).toMatchObject({
      expires_in: 60 * 86400,
      refresh_token_expires_in: 365 * 86400,
      scope: 'openid,profile,email,w_member_social',
    });
    const token = str(tokens.body, 'access_token');

    const intro = await post(
      'https://www.linkedin.com/oauth/v2/introspectToken',
      form({ client_id: li.clientId, client_secret: li.clientSecret, token }),
    );
    expect(intro.body).toMatchObject({
      active: true,
      status: 'active',
      expires_at: secs(now() + 60 * DAY),
      auth_type: '3L',
    });

    const me = await get('https://api.linkedin.com/v2/userinfo', bearer(token));
    expect(me.body).toMatchObject({
      sub: who.networkUserId,
      name: who.name,
      email: who.email,
      picture: who.avatarUrl,
    });

    const res = await fetch('https://api.linkedin.com/rest/posts', {
      method: 'POST',
      headers: {
        ...bearer(token),
        'content-type': 'application/json',
        'LinkedIn-Version': '202601',
        'X-Restli-Protocol-Version': '2.0.0',
      },
      body: JSON.stringify({
        author: `urn:li:person:${who.networkUserId}`,
        commentary: 'hello li',
        visibility: 'PUBLIC',
        distribution: {
          feedDistribution: 'MAIN_FEED',
          targetEntities: [],
          thirdPartyDistributionChannels: [],
        },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
      }),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('');
    const id = res.headers.get('x-restli-id') ?? '';
    expect(id).toMatch(/^urn:li:share:\d+$/);
    expect(world.posts('li-1')).toEqual([{ id, text: 'hello li', at: now() }]);
  });

  test('youtube: offline consent with PKCE -> token -> tokeninfo -> channels.list -> videos.insert (multipart)', async () => {
    const { world, now } = createEnv();
    const who = world.addAccount({ id: 'yt-1', network: 'youtube' });
    world.signIn('youtube', 'yt-1');
    const { verifier, challenge } = await pkce();
    const redirect = await consent('youtube', {
      access_type: 'offline',
      prompt: 'consent',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(redirect.searchParams.get('scope')).toContain('youtube.upload');
    const g = MOCK_CLIENTS.youtube;
    const tokens = await post(
      'https://oauth2.googleapis.com/token',
      form({
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        client_id: g.clientId,
        client_secret: g.clientSecret,
        code_verifier: verifier,
      }),
    );
    expect(tokens.body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' }); // [BK-G]
    const token = str(tokens.body, 'access_token');
    expect(token.startsWith('ya29.')).toBe(true);
    expect(str(tokens.body, 'refresh_token').startsWith('1//')).toBe(true);

    const info = await get(`https://oauth2.googleapis.com/tokeninfo?access_token=${token}`);
    expect(info.body).toMatchObject({
      aud: g.clientId,
      expires_in: '3599',
      exp: String(secs(now() + 3599_000)),
      access_type: 'offline',
    });

    const channels = await get(
      'https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true',
      bearer(token),
    );
    expect(at(channels.body, 'items', 0)).toMatchObject({
      id: who.networkUserId,
      snippet: { title: who.name, customUrl: who.handle },
    });
    expect(str(channels.body, 'items', 0, 'snippet', 'thumbnails', 'default', 'url')).toContain(
      'yt3.ggpht.com',
    );

    const boundary = 'b0undary';
    const body = [
      `--${boundary}`,
      'Content-Type: application/json; charset=UTF-8',
      '',
      JSON.stringify({
        snippet: { title: 'My video', description: 'd' },
        status: { privacyStatus: 'unlisted' },
      }),
      `--${boundary}`,
      'Content-Type: video/mp4',
      '',
      'FAKEVIDEOBYTES',
      `--${boundary}--`,
    ].join('\r\n');
    const upload = await post(
      'https://www.googleapis.com/upload/youtube/v3/videos?part=snippet,status&uploadType=multipart',
      body,
      { ...bearer(token), 'content-type': `multipart/related; boundary=${boundary}` },
    );
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({
      kind: 'youtube#video',
      snippet: { title: 'My video', channelId: who.networkUserId },
      status: { privacyStatus: 'unlisted' },
    });
    expect(world.posts('yt-1')).toEqual([{ id: str(upload.body, 'id'), text: 'My video', at: now() }]);
    expect(num(channels.body, 'pageInfo', 'totalResults')).toBe(1);
  });

  test('world.grant seeds a connected token set per network with the documented lifetimes', () => {
    const { world, now } = createEnv();
    for (const network of ['facebook', 'instagram', 'x', 'linkedin', 'youtube'] as const) {
      world.addAccount({ id: network, network });
    }
    const at = now() - 10 * DAY;
    // Facebook keeps the Page token got with the long-lived user token: it never expires (networks.md §1.2).
    expect(world.grant('facebook', { at })).toMatchObject({
      refreshToken: null,
      expiresAt: null,
      refreshExpiresAt: null,
    });
    expect(world.grant('instagram', { at })).toMatchObject({ refreshToken: null, expiresAt: at + 60 * DAY });
    expect(world.grant('x', { at })).toMatchObject({ expiresAt: at + 2 * HOUR, refreshExpiresAt: null });
    expect(world.grant('x', { at }).refreshToken).toEqual(expect.any(String));
    expect(world.grant('x', { at, scopes: ['tweet.read', 'users.read'] }).refreshToken).toBeNull(); // no offline.access
    expect(world.grant('linkedin', { at })).toMatchObject({
      expiresAt: at + 60 * DAY,
      refreshExpiresAt: at + 365 * DAY,
    });
    expect(world.grant('youtube', { at })).toMatchObject({
      expiresAt: at + 3599_000,
      refreshExpiresAt: null,
    });
  });

  test('world.issueCode is programmatic consent: the code redeems like one from the consent page (PKCE included)', async () => {
    const { world } = createEnv();
    const who = world.addAccount({ id: 'x-1', network: 'x' });
    const { verifier, challenge } = await pkce();
    const c = world.issueCode('x-1', { redirectUri: REDIRECT, codeChallenge: challenge });
    const xc = MOCK_CLIENTS.x;
    const tokens = await post(
      'https://api.x.com/2/oauth2/token',
      form({
        grant_type: 'authorization_code',
        code: c,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: xc.clientId,
      }),
    );
    expect(tokens.status).toBe(200);
    const me = await get('https://api.x.com/2/users/me', bearer(str(tokens.body, 'access_token')));
    expect(me.body).toMatchObject({ data: { id: who.networkUserId } });
    world.deleteAccount('x-1');
    expect(() => world.issueCode('x-1', { redirectUri: REDIRECT })).toThrow(/deleted/);
  });
});
