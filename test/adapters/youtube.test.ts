// youtube adapter end to end against inline handlers that replay networks.md §5 bodies.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { YOUTUBE, youtube } from '../../adapters/youtube.ts';
import * as F from './fixtures.ts';
import { CLIENT, context, formOf, NOW, tokens, useServer } from './support.ts';

const server = useServer();
const CHANNEL = {
  kind: 'youtube#channelListResponse',
  items: [
    {
      kind: 'youtube#channel',
      id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
      snippet: {
        title: 'Google for Developers',
        customUrl: '@googledevelopers',
        thumbnails: {
          default: { url: 'https://yt3.ggpht.com/d.jpg' },
          high: { url: 'https://yt3.ggpht.com/h.jpg' },
        },
      },
    },
  ],
};

describe('youtube adapter', () => {
  it('authorizeUrl carries state, S256 challenge, offline access and forced consent', () => {
    const url = new URL(youtube.authorizeUrl(context(), { state: 'st-5', codeChallenge: 'challenge-5' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      state: 'st-5',
      code_challenge: 'challenge-5',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      response_type: 'code',
    });
    expect(youtube.pkce).toBe(true);
  });

  it('exchangeCode sends the verifier and secret and parses the token [BK-G]', async () => {
    server.use(
      http.post(YOUTUBE.token, async ({ request }) => {
        const form = await formOf(request);
        const valid =
          form.grant_type === 'authorization_code' &&
          form.code === 'code-1' &&
          form.code_verifier === 'verifier-1' &&
          form.client_secret === CLIENT.clientSecret;
        return valid ? HttpResponse.json(F.G_TOKEN) : HttpResponse.json(F.G_INVALID_GRANT, { status: 400 });
      }),
    );
    const result = await youtube.exchangeCode(context(), { code: 'code-1', codeVerifier: 'verifier-1' });
    expect(result.ok && result.value).toEqual({
      accessToken: 'x*163',
      refreshToken: 'x*103',
      expiresAt: NOW + 3599 * 1000,
      refreshExpiresAt: null,
      scopes: ['openid', 'https://www.googleapis.com/auth/userinfo.email'],
    });
  });

  it('R12: a refresh answer without refresh_token keeps the old one [POSTIZ-YT]', async () => {
    const { refresh_token: _dropped, ...withoutRefresh } = F.G_TOKEN;
    server.use(
      http.post(YOUTUBE.token, () => HttpResponse.json({ ...withoutRefresh, access_token: 'at-2' })),
    );
    const result = await youtube.refresh(context(), tokens({ refreshToken: 'rt-1' }));
    expect(result.ok && result.value).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-1' });
  });

  it('R2: a refused refresh (invalid_grant) is token-expired', async () => {
    server.use(http.post(YOUTUBE.token, () => HttpResponse.json(F.G_INVALID_GRANT, { status: 400 })));
    const result = await youtube.refresh(context(), tokens({ refreshToken: 'rt-1' }));
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('check asks tokeninfo, then the own channel: ok when valid, token-expired on invalid_token', async () => {
    let channelCalls = 0;
    server.use(
      http.get(YOUTUBE.tokeninfo, ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === 'access-1'
          ? HttpResponse.json(F.G_TOKENINFO_VALID)
          : HttpResponse.json(F.G_TOKENINFO_INVALID, { status: 400 }),
      ),
      http.get(YOUTUBE.channels, ({ request }) => {
        channelCalls++;
        const q = new URL(request.url).searchParams;
        return q.get('mine') === 'true' && request.headers.get('authorization') === 'Bearer access-1'
          ? HttpResponse.json({ kind: 'youtube#channelListResponse', items: [{ id: 'UC_1' }] })
          : HttpResponse.json(F.G_401, { status: 401 });
      }),
    );
    expect(await youtube.check(context(), tokens())).toEqual({ kind: 'ok' });
    expect(channelCalls).toBe(1);
    expect(await youtube.check(context(), tokens({ accessToken: 'old' }))).toMatchObject({
      reason: 'token-expired',
    });
    // A dead token stops at tokeninfo: no quota spent on the channel call.
    expect(channelCalls).toBe(1);
  });

  it.each([
    ['authenticatedUserAccountSuspended', 'security'],
    ['authenticatedUserAccountClosed', 'deleted'],
  ])('R2: check sees a %s channel behind a live grant -> %s [YT-ERR]', async (reason, expected) => {
    server.use(
      http.get(YOUTUBE.tokeninfo, () => HttpResponse.json(F.G_TOKENINFO_VALID)),
      http.get(YOUTUBE.channels, () =>
        HttpResponse.json(
          {
            error: {
              code: 403,
              message: reason,
              errors: [{ message: reason, domain: 'youtube.common', reason }],
            },
          },
          { status: 403 },
        ),
      ),
    );
    expect(await youtube.check(context(), tokens())).toMatchObject({ kind: 'auth-error', reason: expected });
  });

  it('profile maps the own channel into core Profile', async () => {
    server.use(
      http.get(YOUTUBE.channels, ({ request }) => {
        const q = new URL(request.url).searchParams;
        return q.get('mine') === 'true' &&
          q.get('part') === 'snippet' &&
          request.headers.get('authorization') === 'Bearer access-1'
          ? HttpResponse.json(CHANNEL)
          : HttpResponse.json(F.G_401, { status: 401 });
      }),
    );
    expect(await youtube.profile(context(), tokens())).toEqual({
      ok: true,
      value: {
        networkUserId: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
        name: 'Google for Developers',
        handle: '@googledevelopers',
        avatarUrl: 'https://yt3.ggpht.com/h.jpg',
      },
    });
  });

  it('R2: a Google account without a channel is deleted', async () => {
    server.use(
      http.get(YOUTUBE.channels, () => HttpResponse.json({ kind: 'youtube#channelListResponse', items: [] })),
    );
    const result = await youtube.profile(context(), tokens());
    expect(result.ok === false && result.failure).toMatchObject({ kind: 'auth-error', reason: 'deleted' });
  });

  it('publish uploads a multipart video whose title/description carry the text and link', async () => {
    server.use(
      http.post(YOUTUBE.upload, async ({ request }) => {
        const q = new URL(request.url).searchParams;
        const type = request.headers.get('content-type') ?? '';
        const body = await request.text();
        const valid =
          q.get('uploadType') === 'multipart' &&
          q.get('part') === 'snippet,status' &&
          type.startsWith('multipart/related; boundary=') &&
          body.includes('"title":"Launch day"') &&
          body.includes('https://blog.example/launch') &&
          body.includes('Content-Type: video/mp4') &&
          body.includes('FAKE-MP4-BYTES');
        return valid
          ? HttpResponse.json({ kind: 'youtube#video', id: 'dQw4w9WgXcQ' })
          : HttpResponse.json(F.googleError(400, 'mediaBodyRequired'), { status: 400 });
      }),
    );
    const video = new Blob(['FAKE-MP4-BYTES'], { type: 'video/mp4' });
    const result = await youtube.publish(context(), tokens(), {
      text: 'Launch day\nmore',
      link: 'https://blog.example/launch',
      video,
    });
    expect(result).toEqual({ ok: true, value: { remoteId: 'dQw4w9WgXcQ' } });
  });

  it('R11: publish over the project quota is rate-limited, never an auth-error', async () => {
    server.use(http.post(YOUTUBE.upload, () => HttpResponse.json(F.G_QUOTA, { status: 403 })));
    const result = await youtube.publish(context(), tokens(), { text: 't', video: new Blob(['v']) });
    expect(result.ok === false && result.failure.kind).toBe('rate-limited');
  });

  it('publish without a video fails without calling the network', async () => {
    const result = await youtube.publish(context(), tokens(), { text: 'text only' });
    expect(result.ok === false && result.failure.detail).toContain('needs a video');
  });

  it('revoke posts the refresh token to /revoke', async () => {
    server.use(
      http.post(YOUTUBE.revoke, ({ request }) =>
        new URL(request.url).searchParams.get('token') === 'rt-1'
          ? new HttpResponse(null, { status: 200 })
          : HttpResponse.json({ error: 'invalid_token' }, { status: 400 }),
      ),
    );
    expect(await youtube.revoke?.(context(), tokens({ refreshToken: 'rt-1' }))).toEqual({ kind: 'ok' });
  });
});
