// instagram adapter end to end against inline handlers that replay networks.md §2 bodies.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { INSTAGRAM, instagram } from '../../adapters/instagram.ts';
import * as F from './fixtures.ts';
import { CLIENT, context, formOf, NOW, tokens, useServer } from './support.ts';

const server = useServer();
const ME = {
  user_id: '17841405793187218',
  username: 'acme',
  name: 'Acme Studio',
  profile_picture_url: 'https://cdn.example/acme.jpg',
  id: '6489782497758472',
};

/** /me answers for access-1 only; any other token gets the real expired capture. */
const me = http.get(INSTAGRAM.me, ({ request }) =>
  new URL(request.url).searchParams.get('access_token') === 'access-1'
    ? HttpResponse.json(ME)
    : HttpResponse.json(F.IG_EXPIRED, { status: 400 }),
);

describe('instagram adapter', () => {
  it('authorizeUrl carries state and business scopes, no PKCE', () => {
    const url = new URL(instagram.authorizeUrl(context(), { state: 'st-2', codeChallenge: 'ch' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.instagram.com/oauth/authorize');
    expect(url.searchParams.get('state')).toBe('st-2');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('instagram_business_basic,instagram_business_content_publish');
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it.each([
    ['flat reference shape [IG-OAT]', F.IG_CODE_ANSWER_TEXT],
    [
      'data-wrapped shape (unverified)',
      '{"data":[{"access_token":"IGQVJ...","user_id":17841405793187218,"permissions":"instagram_business_basic"}]}',
    ],
  ])('exchangeCode parses the %s, then exchanges for a long-lived token', async (_, codeAnswer) => {
    server.use(
      http.post(INSTAGRAM.token, async ({ request }) => {
        const form = await formOf(request);
        const valid =
          form.code === 'code-1' &&
          form.grant_type === 'authorization_code' &&
          form.client_secret === CLIENT.clientSecret &&
          form.redirect_uri === CLIENT.redirectUri;
        return valid
          ? new HttpResponse(codeAnswer, { headers: { 'Content-Type': 'application/json' } })
          : HttpResponse.json(
              { error_type: 'OAuthException', code: 400, error_message: 'Invalid code' },
              { status: 400 },
            );
      }),
      http.get(INSTAGRAM.exchange, ({ request }) => {
        const q = new URL(request.url).searchParams;
        return q.get('grant_type') === 'ig_exchange_token' && q.get('access_token') === 'IGQVJ...'
          ? HttpResponse.json(F.IG_LONG_LIVED)
          : HttpResponse.json(F.IG_EXPIRED, { status: 400 });
      }),
    );
    const result = await instagram.exchangeCode(context(), { code: 'code-1', codeVerifier: '' });
    expect(result.ok && result.value).toMatchObject({
      accessToken: 'x*141',
      refreshToken: null,
      expiresAt: NOW + 5184000 * 1000,
    });
  });

  it('refresh uses ig_refresh_token and keeps no refresh token [IG-REFRESH]', async () => {
    server.use(
      http.get(INSTAGRAM.refresh, ({ request }) =>
        new URL(request.url).searchParams.get('grant_type') === 'ig_refresh_token'
          ? HttpResponse.json(F.IG_REFRESHED)
          : new HttpResponse(null, { status: 400 }),
      ),
    );
    const result = await instagram.refresh(context(), tokens());
    expect(result.ok && result.value).toMatchObject({
      accessToken: 'x*144',
      refreshToken: null,
      expiresAt: NOW + 5183828000,
    });
  });

  it('check is ok for a live token and token-expired for the expired capture (R2)', async () => {
    server.use(me);
    expect(await instagram.check(context(), tokens())).toEqual({ kind: 'ok' });
    expect(await instagram.check(context(), tokens({ accessToken: 'old' }))).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R2: check reports the password-change capture as security', async () => {
    server.use(http.get(INSTAGRAM.me, () => HttpResponse.json(F.IG_PASSWORD, { status: 400 })));
    expect(await instagram.check(context(), tokens())).toMatchObject({ reason: 'security' });
  });

  it('profile maps user_id, name, username and picture into core Profile', async () => {
    server.use(me);
    expect(await instagram.profile(context(), tokens())).toEqual({
      ok: true,
      value: {
        networkUserId: '17841405793187218',
        name: 'Acme Studio',
        handle: 'acme',
        avatarUrl: 'https://cdn.example/acme.jpg',
      },
    });
  });

  it('has no revoke endpoint', () => {
    expect(instagram.revoke).toBeNull();
  });

  it('publish creates a container, publishes it and returns the media id; the link is left out (S1)', async () => {
    server.use(
      me,
      http.post(INSTAGRAM.media(ME.user_id), async ({ request }) => {
        const form = await formOf(request);
        return form.image_url === 'https://cdn.example/p.jpg' && form.caption === 'New post'
          ? HttpResponse.json({ id: 'container-1' })
          : new HttpResponse(null, { status: 400 });
      }),
      http.post(INSTAGRAM.publish(ME.user_id), async ({ request }) =>
        (await formOf(request)).creation_id === 'container-1'
          ? HttpResponse.json({ id: 'media-9' })
          : new HttpResponse(null, { status: 400 }),
      ),
    );
    const post = { text: 'New post', link: 'https://blog.example/x', imageUrl: 'https://cdn.example/p.jpg' };
    expect(await instagram.publish(context(), tokens(), post)).toEqual({
      ok: true,
      value: { remoteId: 'media-9' },
    });
  });

  it('R11: media_publish answering 503 is sent once (a retry could publish twice)', async () => {
    let publishes = 0;
    server.use(
      me,
      http.post(INSTAGRAM.media(ME.user_id), () => HttpResponse.json({ id: 'container-1' })),
      http.post(INSTAGRAM.publish(ME.user_id), () => {
        publishes++;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    const result = await instagram.publish(context(), tokens(), {
      text: 't',
      imageUrl: 'https://cdn.example/p.jpg',
    });
    expect(publishes).toBe(1);
    expect(result.ok === false && result.failure.kind).toBe('unavailable');
  });

  it('publish without an image fails without calling the network', async () => {
    const result = await instagram.publish(context(), tokens(), { text: 'no image' });
    expect(result.ok === false && result.failure.detail).toContain('needs an image');
  });
});
