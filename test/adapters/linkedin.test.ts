// linkedin adapter end to end against inline handlers that replay networks.md §4 bodies.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { LINKEDIN, linkedin } from '../../adapters/linkedin.ts';
import * as F from './fixtures.ts';
import { CLIENT, context, DAY, formOf, NOW, tokens, useServer } from './support.ts';

const server = useServer();
const USERINFO = {
  sub: '782bbtaQ',
  name: 'Ada Lovelace',
  given_name: 'Ada',
  family_name: 'Lovelace',
  picture: 'https://media.licdn.com/ada.jpg',
};

const userinfo = http.get(LINKEDIN.userinfo, ({ request }) =>
  request.headers.get('authorization') === 'Bearer access-1'
    ? HttpResponse.json(USERINFO)
    : HttpResponse.json(F.LI_65602, { status: 401 }),
);

describe('linkedin adapter', () => {
  it('authorizeUrl carries state and scopes, no PKCE', () => {
    const url = new URL(linkedin.authorizeUrl(context(), { state: 'st-4', codeChallenge: 'ch' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/oauth/v2/authorization');
    expect(url.searchParams.get('state')).toBe('st-4');
    expect(url.searchParams.get('scope')).toBe('openid profile w_member_social');
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('exchangeCode sends the client secret in the body and parses a token without refresh token [BK-LI]', async () => {
    server.use(
      http.post(LINKEDIN.token, async ({ request }) => {
        const form = await formOf(request);
        const valid =
          form.grant_type === 'authorization_code' &&
          form.code === 'code-1' &&
          form.client_id === CLIENT.clientId &&
          form.client_secret === CLIENT.clientSecret &&
          form.redirect_uri === CLIENT.redirectUri;
        return valid ? HttpResponse.json(F.LI_TOKEN) : HttpResponse.json(F.LI_INVALID_GRANT, { status: 400 });
      }),
    );
    const result = await linkedin.exchangeCode(context(), { code: 'code-1', codeVerifier: '' });
    expect(result.ok && result.value).toEqual({
      accessToken: 'x*350',
      refreshToken: null,
      expiresAt: NOW + 5183999 * 1000,
      refreshExpiresAt: null,
      scopes: [...linkedin.scopes],
    });
  });

  it('exchangeCode for an MDP app records the 365-day refresh horizon [LI-PRT]', async () => {
    server.use(
      http.post(LINKEDIN.token, () =>
        HttpResponse.json({ ...F.LI_TOKEN, refresh_token: 'rt-1', refresh_token_expires_in: 31536000 }),
      ),
    );
    const result = await linkedin.exchangeCode(context(), { code: 'c', codeVerifier: '' });
    expect(result.ok && result.value).toMatchObject({
      refreshToken: 'rt-1',
      refreshExpiresAt: NOW + 365 * DAY,
    });
  });

  it('refresh never extends the refresh horizon fixed at first consent [LI-PRT]', async () => {
    server.use(
      http.post(LINKEDIN.token, async ({ request }) =>
        (await formOf(request)).refresh_token === 'rt-1'
          ? HttpResponse.json({
              ...F.LI_TOKEN,
              access_token: 'at-2',
              refresh_token: 'rt-1',
              refresh_token_expires_in: 31536000,
            })
          : HttpResponse.json(F.LI_INVALID_GRANT, { status: 400 }),
      ),
    );
    const result = await linkedin.refresh(
      context(),
      tokens({ refreshToken: 'rt-1', refreshExpiresAt: NOW + 5 * DAY }),
    );
    expect(result.ok && result.value).toMatchObject({ accessToken: 'at-2', refreshExpiresAt: NOW + 5 * DAY });
  });

  it('R2: refresh without a refresh token (non-MDP app) is token-expired without a request', async () => {
    const result = await linkedin.refresh(context(), tokens());
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('check introspects with client id, secret and token [LI-INTRO]', async () => {
    server.use(
      http.post(LINKEDIN.introspect, async ({ request }) => {
        const form = await formOf(request);
        if (form.client_id !== CLIENT.clientId || form.client_secret !== CLIENT.clientSecret) {
          return new HttpResponse(null, { status: 401 });
        }
        if (form.token === 'access-1') return HttpResponse.json(F.LI_INTROSPECT_ACTIVE);
        return HttpResponse.json(form.token === 'gone' ? F.LI_INTROSPECT_REVOKED : F.LI_INTROSPECT_EXPIRED);
      }),
    );
    expect(await linkedin.check(context(), tokens())).toEqual({ kind: 'ok' });
    expect(await linkedin.check(context(), tokens({ accessToken: 'gone' }))).toMatchObject({
      reason: 'revoked',
    });
    expect(await linkedin.check(context(), tokens({ accessToken: 'old' }))).toMatchObject({
      reason: 'token-expired',
    });
  });

  it('profile maps userinfo into core Profile (no handle without r_basicprofile)', async () => {
    server.use(userinfo);
    expect(await linkedin.profile(context(), tokens())).toEqual({
      ok: true,
      value: {
        networkUserId: '782bbtaQ',
        name: 'Ada Lovelace',
        handle: null,
        avatarUrl: 'https://media.licdn.com/ada.jpg',
      },
    });
  });

  it('R2: a 65601 right after consent is retried once after a pause, then believed [LI-401]', async () => {
    let calls = 0;
    server.use(
      http.get(LINKEDIN.userinfo, () => {
        calls++;
        return calls === 1 ? HttpResponse.json(F.LI_65601, { status: 401 }) : HttpResponse.json(USERINFO);
      }),
    );
    const ctx = context();
    const result = await linkedin.profile(ctx, tokens());
    expect(result.ok).toBe(true);
    expect(ctx.sleeps).toEqual([3000]);

    calls = 0;
    server.use(
      http.get(LINKEDIN.userinfo, () => {
        calls++;
        return HttpResponse.json(F.LI_65601, { status: 401 });
      }),
    );
    const revoked = await linkedin.profile(context(), tokens());
    expect(calls).toBe(2);
    expect(revoked.ok === false && revoked.failure).toMatchObject({ kind: 'auth-error', reason: 'revoked' });
  });

  it('publish sends the versioned REST headers and returns the x-restli-id', async () => {
    server.use(
      userinfo,
      http.post(LINKEDIN.posts, async ({ request }) => {
        const body = (await request.json()) as {
          author?: string;
          commentary?: string;
          lifecycleState?: string;
        };
        const valid =
          request.headers.get('linkedin-version') === '202601' &&
          request.headers.get('x-restli-protocol-version') === '2.0.0' &&
          body.author === 'urn:li:person:782bbtaQ' &&
          body.commentary === 'Hello \\(world\\)\nhttps://blog.example/p' &&
          body.lifecycleState === 'PUBLISHED';
        return valid
          ? new HttpResponse(null, {
              status: 201,
              headers: { 'x-restli-id': 'urn:li:share:6844785523593134080' },
            })
          : HttpResponse.json({ status: 422, message: 'invalid' }, { status: 422 });
      }),
    );
    const result = await linkedin.publish(context(), tokens(), {
      text: 'Hello (world)',
      link: 'https://blog.example/p',
    });
    expect(result).toEqual({ ok: true, value: { remoteId: 'urn:li:share:6844785523593134080' } });
  });

  it('R11: publish hitting the daily limit is rate-limited until midnight UTC [LI-RL]', async () => {
    server.use(
      userinfo,
      http.post(LINKEDIN.posts, () => HttpResponse.json(F.LI_429, { status: 429 })),
    );
    const result = await linkedin.publish(context(), tokens(), { text: 'x' });
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'rate-limited',
      retryAt: Date.UTC(2026, 0, 16),
    });
  });

  it('has no revoke endpoint', () => {
    expect(linkedin.revoke).toBeNull();
  });
});
