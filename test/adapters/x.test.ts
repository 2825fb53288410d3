// x adapter end to end against inline handlers that replay networks.md §3 bodies.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPkce, pkceChallenge } from '../../adapters/connection.ts';
import { X, x } from '../../adapters/x.ts';
import * as F from './fixtures.ts';
import { CLIENT, context, formOf, NOW, tokens, useServer } from './support.ts';

const server = useServer();
const BASIC = `Basic ${btoa(`${CLIENT.clientId}:${CLIENT.clientSecret}`)}`;
const publicClient = () =>
  context({ config: { clientId: CLIENT.clientId, redirectUri: CLIENT.redirectUri } });

describe('x adapter', () => {
  it('authorizeUrl carries state, the S256 challenge and the publishing scopes [X-AC]', async () => {
    const { verifier, challenge } = await createPkce();
    const url = new URL(x.authorizeUrl(context(), { state: 'st-3', codeChallenge: challenge }));
    expect(`${url.origin}${url.pathname}`).toBe('https://x.com/i/oauth2/authorize');
    expect(url.searchParams.get('state')).toBe('st-3');
    expect(url.searchParams.get('code_challenge')).toBe(await pkceChallenge(verifier));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access');
    expect(x.pkce).toBe(true);
  });

  it('exchangeCode as a public client sends client_id and the verifier in the form', async () => {
    server.use(
      http.post(X.token, async ({ request }) => {
        const form = await formOf(request);
        const valid =
          form.client_id === CLIENT.clientId &&
          form.grant_type === 'authorization_code' &&
          form.code === 'code-1' &&
          form.code_verifier === 'verifier-1' &&
          !request.headers.has('authorization');
        return valid ? HttpResponse.json(F.X_TOKEN) : HttpResponse.json(F.X_CODE_REFUSED, { status: 400 });
      }),
    );
    const result = await x.exchangeCode(publicClient(), { code: 'code-1', codeVerifier: 'verifier-1' });
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'x*91',
        refreshToken: 'x*91',
        expiresAt: NOW + 7200 * 1000,
        refreshExpiresAt: null,
        scopes: ['tweet.write', 'users.read', 'tweet.read', 'offline.access'],
      },
    });
  });

  it('exchangeCode with a client secret authenticates with HTTP Basic instead [X-UAT]', async () => {
    server.use(
      http.post(X.token, async ({ request }) => {
        const form = await formOf(request);
        return request.headers.get('authorization') === BASIC && form.client_id === undefined
          ? HttpResponse.json(F.X_TOKEN)
          : HttpResponse.json(F.X_MISSING_BASIC, { status: 401 });
      }),
    );
    const result = await x.exchangeCode(context(), { code: 'code-1', codeVerifier: 'v' });
    expect(result.ok).toBe(true);
  });

  it('R2: a used authorization code is refused: token-expired, with no code in the detail', async () => {
    server.use(http.post(X.token, () => HttpResponse.json(F.X_CODE_REFUSED, { status: 400 })));
    const result = await x.exchangeCode(publicClient(), { code: 'secret-code-77', codeVerifier: 'v' });
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
    expect(JSON.stringify(result)).not.toContain('secret-code-77');
  });

  it('refresh stores the rotated refresh token', async () => {
    server.use(
      http.post(X.token, async ({ request }) => {
        const form = await formOf(request);
        return form.grant_type === 'refresh_token' && form.refresh_token === 'rt-1'
          ? HttpResponse.json({ ...F.X_TOKEN, access_token: 'at-2', refresh_token: 'rt-2' })
          : HttpResponse.json(F.X_REFRESH_REFUSED, { status: 400 });
      }),
    );
    const result = await x.refresh(publicClient(), tokens({ refreshToken: 'rt-1' }));
    expect(result.ok && result.value).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2' });
  });

  it('check is ok on users/me and token-expired on its 401 (R12: refresh decides)', async () => {
    server.use(
      http.get(X.me, ({ request }) =>
        request.headers.get('authorization') === 'Bearer access-1'
          ? HttpResponse.json(F.X_ME)
          : HttpResponse.json(F.X_401, { status: 401 }),
      ),
    );
    expect(await x.check(context(), tokens())).toEqual({ kind: 'ok' });
    expect(await x.check(context(), tokens({ accessToken: 'stale' }))).toMatchObject({
      reason: 'token-expired',
    });
  });

  it('profile maps users/me into core Profile', async () => {
    server.use(
      http.get(X.me, ({ request }) =>
        new URL(request.url).searchParams.get('user.fields') === 'profile_image_url'
          ? HttpResponse.json({ data: { ...F.X_ME.data, profile_image_url: 'https://pbs.twimg.com/p.jpg' } })
          : HttpResponse.json(F.X_ME),
      ),
    );
    expect(await x.profile(context(), tokens())).toEqual({
      ok: true,
      value: {
        networkUserId: '2244994945',
        name: 'Twitter Dev',
        handle: 'TwitterDev',
        avatarUrl: 'https://pbs.twimg.com/p.jpg',
      },
    });
  });

  it('publish posts the text and link to /2/tweets and returns the tweet id', async () => {
    server.use(
      http.post(X.tweets, async ({ request }) => {
        const body = (await request.json()) as { text?: string };
        return body.text === 'Hello https://blog.example/p'
          ? HttpResponse.json({ data: { id: '1445880548472328192', text: body.text } }, { status: 201 })
          : new HttpResponse(null, { status: 400 });
      }),
    );
    const result = await x.publish(context(), tokens(), { text: 'Hello', link: 'https://blog.example/p' });
    expect(result).toEqual({ ok: true, value: { remoteId: '1445880548472328192' } });
  });

  it('revoke revokes the refresh token, then the access token', async () => {
    const revoked: string[] = [];
    server.use(
      http.post(X.revoke, async ({ request }) => {
        const form = await formOf(request);
        revoked.push(`${form.token_type_hint}:${form.token}`);
        return HttpResponse.json({ revoked: true });
      }),
    );
    expect(await x.revoke?.(publicClient(), tokens({ refreshToken: 'rt-1' }))).toEqual({ kind: 'ok' });
    expect(revoked).toEqual(['refresh_token:rt-1', 'access_token:access-1']);
  });
});
