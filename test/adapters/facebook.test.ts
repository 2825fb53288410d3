// facebook adapter end to end against inline handlers that replay networks.md §1 bodies.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { FACEBOOK, facebook } from '../../adapters/facebook.ts';
import * as F from './fixtures.ts';
import { CLIENT, context, tokens, useServer } from './support.ts';

const APP_TOKEN = `${CLIENT.clientId}|${CLIENT.clientSecret}`;
const server = useServer();

/** debug_token validates its caller like Graph does: anything but the app token is HTTP 400 code 100. */
function debugToken(verdicts: Record<string, object>) {
  return http.get(FACEBOOK.debugToken, ({ request }) => {
    const query = new URL(request.url).searchParams;
    if (query.get('access_token') !== APP_TOKEN)
      return HttpResponse.json(F.FB_DEBUG_WRONG_CALLER_400, { status: 400 });
    return HttpResponse.json(verdicts[query.get('input_token') ?? ''] ?? F.FB_DEBUG_CANNOT_PARSE);
  });
}

function pages(list: object[]) {
  return http.get(FACEBOOK.pages, ({ request }) =>
    new URL(request.url).searchParams.get('access_token') === 'access-1'
      ? HttpResponse.json({ data: list })
      : HttpResponse.json(F.FB_SESSION_EXPIRED_NO_SUBCODE, { status: 400 }),
  );
}

describe('facebook adapter', () => {
  it('authorizeUrl carries state, client and Page scopes, and no PKCE challenge', () => {
    const url = new URL(facebook.authorizeUrl(context(), { state: 'st-1', codeChallenge: 'ch-1' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.facebook.com/v20.0/dialog/oauth');
    expect(url.searchParams.get('state')).toBe('st-1');
    expect(url.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(CLIENT.redirectUri);
    expect(url.searchParams.get('scope')?.split(',')).toContain('pages_manage_posts');
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(facebook.pkce).toBe(false);
  });

  it('exchangeCode: code, long-lived user token [FB-LL], then the Page token, stored as non-expiring (networks.md §1.2 Decision)', async () => {
    server.use(
      http.get(FACEBOOK.token, ({ request }) => {
        const q = new URL(request.url).searchParams;
        if (q.get('client_secret') !== CLIENT.clientSecret) return new HttpResponse(null, { status: 400 });
        if (q.get('code') === 'code-1' && q.get('redirect_uri') === CLIENT.redirectUri) {
          return HttpResponse.json({ access_token: 'short-1', token_type: 'bearer', expires_in: 5000 });
        }
        if (q.get('grant_type') === 'fb_exchange_token' && q.get('fb_exchange_token') === 'short-1') {
          return HttpResponse.json({ ...F.FB_LONG_LIVED, access_token: 'access-1' });
        }
        return HttpResponse.json(F.FB_SESSION_EXPIRED_NO_SUBCODE, { status: 400 });
      }),
      pages([{ id: 'page-1', access_token: 'page-token-1' }]),
    );
    const result = await facebook.exchangeCode(context(), { code: 'code-1', codeVerifier: 'unused' });
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'page-token-1',
        refreshToken: null,
        expiresAt: null,
        refreshExpiresAt: null,
        scopes: [...facebook.scopes],
      },
    });
  });

  it('R11: an HTML page from the token endpoint is unavailable, never a disconnect', async () => {
    server.use(http.get(FACEBOOK.token, () => new HttpResponse('<html>Sorry</html>', { status: 401 })));
    const result = await facebook.exchangeCode(context(), { code: 'code-1', codeVerifier: 'unused' });
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'unavailable',
      detail: expect.stringContaining('client credentials'),
    });
  });

  it('refresh of a Page token makes no request: it does not expire', async () => {
    const pageTokens = tokens({ accessToken: 'page-token-1', expiresAt: null });
    expect(await facebook.refresh(context(), pageTokens)).toEqual({ ok: true, value: pageTokens });
  });

  it('refresh of a long-lived user token stored by an older version fetches the non-expiring Page token', async () => {
    server.use(pages([{ id: 'page-1', access_token: 'page-token-1' }]));
    const result = await facebook.refresh(context(), tokens());
    expect(result.ok && result.value).toMatchObject({
      accessToken: 'page-token-1',
      refreshToken: null,
      expiresAt: null,
    });
  });

  it('R2: that upgrade with an expired user token is refused with the 190 body: token-expired', async () => {
    server.use(pages([{ id: 'page-1', access_token: 'page-token-1' }]));
    const result = await facebook.refresh(context(), tokens({ accessToken: 'dead' }));
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('check asks debug_token with the app token: a valid token with data access ahead is ok', async () => {
    server.use(debugToken({ 'access-1': F.FB_DEBUG_VALID }));
    const beforeLapse = context({ now: () => Date.parse('2019-10-01T00:00:00Z') });
    expect(await facebook.check(beforeLapse, tokens())).toEqual({ kind: 'ok' });
  });

  it('R2: a valid token whose data access has lapsed (data_access_expires_at <= now) is inactive [FB-AUTHDATA]', async () => {
    server.use(debugToken({ 'access-1': F.FB_DEBUG_VALID }));
    expect(await facebook.check(context(), tokens())).toMatchObject({
      kind: 'auth-error',
      reason: 'inactive',
      detail: expect.stringContaining('2019-12-18'),
    });
  });

  it('R2: check reports debug_token is_valid:false 460 as security', async () => {
    server.use(debugToken({ 'access-1': F.FB_DEBUG_PASSWORD_460 }));
    const ctx = context({ now: () => F.FB_463_CAPTURED_AT });
    expect(await facebook.check(ctx, tokens())).toMatchObject({ kind: 'auth-error', reason: 'security' });
  });

  it('R2: check reports lapsed data access as inactive [FB-AUTHDATA]', async () => {
    server.use(debugToken({ 'access-1': F.FB_DEBUG_INVALIDATED_466 }));
    expect(await facebook.check(context(), tokens())).toMatchObject({
      kind: 'auth-error',
      reason: 'inactive',
    });
  });

  it('R11: check without a client secret is unavailable and says where to set it', async () => {
    const ctx = context({ config: { clientId: CLIENT.clientId, redirectUri: CLIENT.redirectUri } });
    const outcome = await facebook.check(ctx, tokens());
    expect(outcome).toMatchObject({ kind: 'unavailable', detail: expect.stringContaining('team server') });
  });

  it('profile of a Page token is /me, the Page itself, mapped into core Profile', async () => {
    server.use(
      http.get(FACEBOOK.me, ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === 'page-token-1'
          ? HttpResponse.json({
              id: 'page-1',
              name: 'Acme Bakery',
              username: 'acmebakery',
              picture: F.FB_PICTURE,
            })
          : HttpResponse.json(F.FB_SESSION_EXPIRED_NO_SUBCODE, { status: 400 }),
      ),
    );
    expect(
      await facebook.profile(context(), tokens({ accessToken: 'page-token-1', expiresAt: null })),
    ).toEqual({
      ok: true,
      value: {
        networkUserId: 'page-1',
        name: 'Acme Bakery',
        handle: 'acmebakery',
        avatarUrl: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=...',
      },
    });
  });

  it('R2: an older user token whose login grants no Page any more is revoked', async () => {
    server.use(pages([]));
    const result = await facebook.profile(context(), tokens());
    expect(result.ok === false && result.failure).toMatchObject({ kind: 'auth-error', reason: 'revoked' });
  });

  it('publish posts to /{page-id}/feed with the stored Page token and returns the post id', async () => {
    server.use(
      http.get(FACEBOOK.me, ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === 'page-token-1'
          ? HttpResponse.json({ id: 'page-1' })
          : HttpResponse.json(F.FB_SESSION_EXPIRED_NO_SUBCODE, { status: 400 }),
      ),
      http.post(FACEBOOK.feed('page-1'), async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        const valid =
          new URL(request.url).searchParams.get('access_token') === 'page-token-1' &&
          form.get('message') === 'Hello' &&
          form.get('link') === 'https://blog.example/post';
        return valid
          ? HttpResponse.json({ id: 'page-1_post-9' })
          : HttpResponse.json(F.FB_ENVELOPE_OFFICIAL, { status: 400 });
      }),
    );
    const result = await facebook.publish(
      context(),
      tokens({ accessToken: 'page-token-1', expiresAt: null }),
      {
        text: 'Hello',
        link: 'https://blog.example/post',
      },
    );
    expect(result).toEqual({ ok: true, value: { remoteId: 'page-1_post-9' } });
  });

  it('R11: publish hitting a Page rate limit is rate-limited', async () => {
    server.use(
      pages([{ id: 'page-1', name: 'Acme', access_token: 'page-token-1' }]),
      http.post(FACEBOOK.feed('page-1'), () => HttpResponse.json(F.FB_PAGE_LIMIT_32, { status: 400 })),
    );
    const result = await facebook.publish(context(), tokens(), { text: 'Hello' });
    expect(result.ok === false && result.failure.kind).toBe('rate-limited');
  });

  it('revoke: debug_token names the user behind the Page token, then DELETE /{user-id}/permissions with the app token [FB-PERM]', async () => {
    server.use(
      debugToken({ 'access-1': F.FB_DEBUG_VALID }),
      http.delete(FACEBOOK.permissions('10215241773831025'), ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === APP_TOKEN
          ? HttpResponse.json({ success: true })
          : HttpResponse.json(F.FB_SESSION_EXPIRED_NO_SUBCODE, { status: 400 }),
      ),
    );
    expect(await facebook.revoke?.(context(), tokens())).toEqual({ kind: 'ok' });
  });
});
