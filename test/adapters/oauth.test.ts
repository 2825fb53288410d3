// The OAuth 2.0 engine (adapters/oauth.ts) on its own: a made-up network's data, merged with the defaults, drives
// the authorize URL, the code exchange, the refresh and Meta-style swaps against inline MSW handlers. Each
// client-authentication style, PKCE only where the data asks for it, extra parameters, and the token-endpoint
// error mapping (R11, R12).
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authError, byStatus, type Classifier, DAY_MS, MINUTE_MS } from '../../adapters/classify.ts';
import { configure, DEFAULTS, oauth2 } from '../../adapters/oauth.ts';
import type { OAuthData } from '../../adapters/types.ts';
import { CLIENT, context, formOf, NOW, tokens, useServer } from './support.ts';

const server = useServer();

const AUTHORIZE = 'https://auth.example.test/authorize';
const TOKEN = 'https://auth.example.test/token';
const SWAP = 'https://graph.example.test/swap';
const BASIC = `Basic ${btoa(`${CLIENT.clientId}:${CLIENT.clientSecret}`)}`;

/** A network classifier in miniature: invalid_grant is the network's refusal, everything else by status. */
const classify: Classifier = (status, headers, body, now) =>
  typeof body === 'object' && body !== null && (body as { error?: unknown }).error === 'invalid_grant'
    ? authError('token-expired', 'Example token endpoint: invalid_grant')
    : byStatus(status, headers, now, `Example ${status}`);

/** The least a network declares; everything else comes from DEFAULTS. */
const MINIMAL: OAuthData = {
  id: 'linkedin',
  issuer: 'Example',
  authorize: AUTHORIZE,
  token: TOKEN,
  scopes: ['read', 'write'],
  classify,
};

const engine = (data: Partial<OAuthData> = {}) => oauth2({ ...MINIMAL, ...data });
const publicContext = () =>
  context({ config: { clientId: CLIENT.clientId, redirectUri: CLIENT.redirectUri } });
const TOKEN_ANSWER = { access_token: 'at-new', expires_in: 3600, refresh_token: 'rt-new', scope: 'read' };

/** Records every token-endpoint request (method, form or query, Authorization) and answers TOKEN_ANSWER. */
function recordToken(url = TOKEN, answer: Record<string, unknown> = TOKEN_ANSWER) {
  const seen: Array<{ method: string; params: Record<string, string>; authorization: string | null }> = [];
  const record = async ({ request }: { request: Request }) => {
    const params =
      request.method === 'GET'
        ? Object.fromEntries(new URL(request.url).searchParams)
        : await formOf(request);
    seen.push({ method: request.method, params, authorization: request.headers.get('authorization') });
    return HttpResponse.json(answer);
  };
  server.use(http.post(url, record), http.get(url, record));
  return seen;
}

const authorize = (adapter: ReturnType<typeof engine>, ctx = context()) =>
  new URL(adapter.authorizeUrl(ctx, { state: 'state-1', codeChallenge: 'challenge-1' }));

describe('OAuth engine: data merged with the defaults in one place', () => {
  it('a network that declares only endpoints, scopes and its classifier gets every default', () => {
    const config = configure(MINIMAL);
    expect(config).toMatchObject({
      pkce: false,
      scopeSeparator: ' ',
      tokenMethod: 'POST',
      authorizeParams: {},
      tokenParams: {},
      client: { auth: 'basic', secret: 'required' },
      tokens: { renew: 'refresh-token', ahead: 5 * MINUTE_MS, upkeep: 'on-use' },
      longLived: null,
      renewal: null,
    });
    expect(config.codeAnswer).toBe(DEFAULTS.codeAnswer);
  });

  it('declared values win, and partial client and token policies are merged field by field', () => {
    const config = configure({
      ...MINIMAL,
      client: { secret: 'optional' },
      tokens: { keepAlive: { idle: 180 * DAY_MS, every: 150 * DAY_MS } },
    });
    expect(config.client).toEqual({ auth: 'basic', secret: 'optional' });
    expect(config.tokens).toEqual({
      renew: 'refresh-token',
      ahead: 5 * MINUTE_MS,
      upkeep: 'on-use',
      keepAlive: { idle: 180 * DAY_MS, every: 150 * DAY_MS },
    });
    // DEFAULTS itself is never changed by a merge.
    expect(DEFAULTS.client).toEqual({ auth: 'basic', secret: 'required' });
  });
});

describe('OAuth engine: authorize URL', () => {
  it('carries response_type, client_id, redirect_uri, the space-joined scopes and the state', () => {
    const url = authorize(engine());
    expect(`${url.origin}${url.pathname}`).toBe(AUTHORIZE);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUri,
      scope: 'read write',
      state: 'state-1',
    });
  });

  it('PKCE: the S256 challenge is added when the data says pkce, and never otherwise', () => {
    const withPkce = authorize(engine({ pkce: true }));
    expect(withPkce.searchParams.get('code_challenge')).toBe('challenge-1');
    expect(withPkce.searchParams.get('code_challenge_method')).toBe('S256');
    const without = authorize(engine({ pkce: false }));
    expect(without.searchParams.has('code_challenge')).toBe(false);
    expect(without.searchParams.has('code_challenge_method')).toBe(false);
  });

  it('extra authorize parameters and a comma scope separator come from the data', () => {
    const url = authorize(
      engine({ scopeSeparator: ',', authorizeParams: { access_type: 'offline', prompt: 'consent' } }),
    );
    expect(url.searchParams.get('scope')).toBe('read,write');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
  });
});

describe('OAuth engine: code exchange and client authentication', () => {
  it('PKCE: the verifier goes with the code when the data says pkce, and never otherwise', async () => {
    const seen = recordToken();
    await engine({ pkce: true }).exchangeCode(context(), { code: 'code-1', codeVerifier: 'verifier-1' });
    await engine({ pkce: false }).exchangeCode(context(), { code: 'code-2', codeVerifier: 'verifier-2' });
    expect(seen[0]?.params).toMatchObject({ code: 'code-1', code_verifier: 'verifier-1' });
    expect(seen[1]?.params.code).toBe('code-2');
    expect(seen[1]?.params).not.toHaveProperty('code_verifier');
  });

  it('basic: the client authenticates with HTTP Basic and puts no credentials in the form (RFC 6749 §2.3.1)', async () => {
    const seen = recordToken();
    const result = await engine({ client: { auth: 'basic' } }).exchangeCode(context(), {
      code: 'code-1',
      codeVerifier: 'v',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'at-new',
        refreshToken: 'rt-new',
        expiresAt: NOW + 3600 * 1000,
        refreshExpiresAt: null,
        scopes: ['read'],
      },
    });
    expect(seen[0]).toEqual({
      method: 'POST',
      authorization: BASIC,
      params: { grant_type: 'authorization_code', code: 'code-1', redirect_uri: CLIENT.redirectUri },
    });
  });

  it('post: client_id and client_secret go in the form, no Authorization header', async () => {
    const seen = recordToken();
    await engine({ client: { auth: 'post' } }).exchangeCode(context(), { code: 'code-1', codeVerifier: 'v' });
    expect(seen[0]?.authorization).toBeNull();
    expect(seen[0]?.params).toMatchObject({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
  });

  it('public: with an optional secret and none configured, client_id alone identifies the client', async () => {
    for (const auth of ['basic', 'post'] as const) {
      const seen = recordToken();
      const adapter = engine({ client: { auth, secret: 'optional' } });
      expect((await adapter.exchangeCode(publicContext(), { code: 'c', codeVerifier: 'v' })).ok).toBe(true);
      expect(seen[0]?.authorization).toBeNull();
      expect(seen[0]?.params.client_id).toBe(CLIENT.clientId);
      expect(seen[0]?.params).not.toHaveProperty('client_secret');
    }
  });

  it('a required secret that is not configured fails before any request, saying where to set it', async () => {
    const seen = recordToken();
    const result = await engine({ client: { auth: 'post', secret: 'required' } }).exchangeCode(
      publicContext(),
      {
        code: 'c',
        codeVerifier: 'v',
      },
    );
    expect(result.ok === false && result.failure).toMatchObject({
      kind: 'unavailable',
      detail: expect.stringContaining('no client secret configured'),
    });
    expect(seen).toEqual([]);
  });

  it('tokenMethod GET puts the grant and the credentials in the query (Facebook [FB-LL])', async () => {
    const seen = recordToken();
    await engine({ tokenMethod: 'GET', client: { auth: 'post' } }).exchangeCode(context(), {
      code: 'code-1',
      codeVerifier: 'v',
    });
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.params).toMatchObject({ code: 'code-1', client_secret: CLIENT.clientSecret });
  });

  it('extra token parameters go with the code exchange and with every refresh', async () => {
    const seen = recordToken();
    const adapter = engine({ tokenParams: { audience: 'api' } });
    await adapter.exchangeCode(context(), { code: 'c', codeVerifier: 'v' });
    await adapter.refresh(context(), tokens({ refreshToken: 'rt-1' }));
    expect(seen.map((s) => [s.params.grant_type, s.params.audience])).toEqual([
      ['authorization_code', 'api'],
      ['refresh_token', 'api'],
    ]);
  });

  it('a code answer in its own shape is read through the data’s codeAnswer schema (Instagram [IG-OAT])', async () => {
    recordToken(TOKEN, { token: 'at-odd', granted: 'read' });
    const codeAnswer = z
      .object({ token: z.string(), granted: z.string() })
      .transform((a) => ({ access_token: a.token, scope: a.granted }));
    const result = await engine({ codeAnswer }).exchangeCode(context(), { code: 'c', codeVerifier: 'v' });
    expect(result.ok && result.value).toMatchObject({
      accessToken: 'at-odd',
      scopes: ['read'],
      expiresAt: null,
    });
  });
});

describe('OAuth engine: refresh', () => {
  it('R12: the refresh grant sends the stored refresh token and keeps it when the answer has none', async () => {
    const seen = recordToken(TOKEN, { access_token: 'at-2', expires_in: 60 });
    const previous = tokens({ accessToken: 'at-1', refreshToken: 'rt-1', scopes: ['read', 'write'] });
    const result = await engine().refresh(context(), previous);
    expect(seen[0]?.params).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1' });
    expect(result.ok && result.value).toEqual({
      accessToken: 'at-2',
      refreshToken: 'rt-1',
      expiresAt: NOW + 60_000,
      refreshExpiresAt: null,
      scopes: ['read', 'write'],
    });
  });

  it('R2: no refresh token is token-expired without a request, saying why from the data', async () => {
    const seen = recordToken();
    const result = await engine({ noRefreshToken: 'offline access not granted' }).refresh(
      context(),
      tokens(),
    );
    expect(result.ok === false && result.failure).toEqual({
      kind: 'auth-error',
      reason: 'token-expired',
      detail: 'linkedin: no refresh token (offline access not granted); reconnect',
    });
    expect(seen).toEqual([]);
  });

  it("renew 'self' swaps the still-valid access token with the renewal data's GET (Instagram [IG-REFRESH])", async () => {
    const seen = recordToken(SWAP, { access_token: 'at-long', expires_in: 60 * 86400 });
    const adapter = engine({
      tokens: { renew: 'self', ahead: 7 * DAY_MS, upkeep: 'scheduled' },
      renewal: { url: SWAP, grant: 'ig_refresh_token', param: 'access_token', client: 'none' },
    });
    const result = await adapter.refresh(context(), tokens({ accessToken: 'at-short' }));
    expect(seen).toEqual([
      {
        method: 'GET',
        authorization: null,
        params: { grant_type: 'ig_refresh_token', access_token: 'at-short' },
      },
    ]);
    expect(result.ok && result.value.accessToken).toBe('at-long');
  });

  it("renew 'self' without renewal data is unavailable (the adapter must renew on its own), never a disconnect", async () => {
    const adapter = engine({ tokens: { renew: 'self' } });
    const result = await adapter.refresh(context(), tokens());
    expect(result.ok === false && result.failure.kind).toBe('unavailable');
  });
});

describe('OAuth engine: long-lived swap after the code (Meta [FB-LL][IG-AT])', () => {
  const longLived = (client: 'post' | 'secret' | 'none') =>
    engine({ longLived: { url: SWAP, grant: 'fb_exchange_token', param: 'fb_exchange_token', client } });

  it('swaps the code’s token at once, with the client credentials the data names', async () => {
    recordToken(TOKEN, { access_token: 'at-short', scope: 'read' });
    const expected = {
      post: { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
      secret: { client_secret: CLIENT.clientSecret },
      none: {},
    };
    for (const client of ['post', 'secret', 'none'] as const) {
      const seen = recordToken(SWAP, { access_token: 'at-long', expires_in: 5_184_000 });
      const result = await longLived(client).exchangeCode(context(), { code: 'c', codeVerifier: 'v' });
      expect(seen[0]?.params).toEqual({
        grant_type: 'fb_exchange_token',
        fb_exchange_token: 'at-short',
        ...expected[client],
      });
      // The swap's answer has no scope: the scopes granted with the code stay.
      expect(result.ok && result.value).toMatchObject({ accessToken: 'at-long', scopes: ['read'] });
    }
  });

  it('#13: a swap refusal echoing the code, the verifier and the short-lived token keeps none of them in its detail', async () => {
    server.use(
      http.post(TOKEN, () => HttpResponse.json({ access_token: 'short-lived-token-77' })),
      http.get(SWAP, () =>
        HttpResponse.json(
          {
            error: 'invalid_grant',
            error_description: `code-secret-99 verifier-secret-98 short-lived-token-77 ${CLIENT.clientSecret}`,
          },
          { status: 400 },
        ),
      ),
    );
    // A classifier that quotes the network's description, as the real ones do (describe(error_description)).
    const quoting: Classifier = (status, _headers, body) =>
      status < 300
        ? { kind: 'ok' }
        : authError(
            'token-expired',
            `refused ${status}: ${(body as { error_description?: string }).error_description}`,
          );
    const adapter = oauth2({
      ...MINIMAL,
      classify: quoting,
      longLived: { url: SWAP, grant: 'fb_exchange_token', param: 'fb_exchange_token', client: 'post' },
    });
    const result = await adapter.exchangeCode(context(), {
      code: 'code-secret-99',
      codeVerifier: 'verifier-secret-98',
    });
    const detail = result.ok ? '' : (result.failure.detail ?? '');
    expect(detail).toContain('refused 400');
    for (const secret of [
      'code-secret-99',
      'verifier-secret-98',
      'short-lived-token-77',
      CLIENT.clientSecret,
    ]) {
      expect(detail).not.toContain(secret);
    }
  });
});

describe('OAuth engine: token-endpoint error mapping (R11, R12)', () => {
  const refresh = (answer: () => Response) => {
    server.use(http.post(TOKEN, answer));
    return engine().refresh(context(), tokens({ refreshToken: 'rt-1' }));
  };
  const failureOf = (result: Awaited<ReturnType<typeof refresh>>) => (result.ok ? null : result.failure);

  it("R12: a refused refresh (the network's invalid_grant) is auth-error token-expired", async () => {
    const result = await refresh(() => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 }));
    expect(failureOf(result)).toMatchObject({ kind: 'auth-error', reason: 'token-expired' });
  });

  it('R11: a 401/403 without an OAuth error field, an HTML page or an empty body is unavailable, never a disconnect', async () => {
    const answers = [
      () => HttpResponse.json({ title: 'Unauthorized', status: 401 }, { status: 401 }),
      () =>
        new HttpResponse('<html>Forbidden</html>', { status: 403, headers: { 'content-type': 'text/html' } }),
      () => new HttpResponse(null, { status: 400 }),
    ];
    for (const answer of answers) {
      const failure = failureOf(await refresh(answer));
      expect(failure).toMatchObject({ kind: 'unavailable' });
      expect(failure?.detail).toContain('Example token endpoint');
      expect(failure?.detail, JSON.stringify(failure)).toContain('without an OAuth error');
    }
  });

  it("the data's `explained` decides which refusals the network's classifier may judge", async () => {
    server.use(http.post(TOKEN, () => HttpResponse.json({ locked: true }, { status: 403 })));
    const verdict: Classifier = () => authError('security', 'locked');
    const judged = oauth2({ ...MINIMAL, classify: verdict, explained: (_s, body) => body !== null });
    const result = await judged.refresh(context(), tokens({ refreshToken: 'rt-1' }));
    expect(failureOf(result)).toMatchObject({ kind: 'auth-error', reason: 'security' });
    const unexplained = oauth2({ ...MINIMAL, classify: verdict });
    expect(failureOf(await unexplained.refresh(context(), tokens({ refreshToken: 'rt-1' })))).toMatchObject({
      kind: 'unavailable',
    });
  });

  it('R11: 429 is rate-limited and a 5xx unavailable (after the retries), both from the classifier', async () => {
    const limited = await refresh(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '60' } }),
    );
    expect(failureOf(limited)).toMatchObject({ kind: 'rate-limited', retryAt: NOW + 60_000 });
    const down = await refresh(() => new HttpResponse(null, { status: 503 }));
    expect(failureOf(down)).toMatchObject({ kind: 'unavailable' });
  });

  it('the token classifier is the data’s classifier behind the guard, built once by the merge', () => {
    const config = configure(MINIMAL);
    const none = new Headers();
    expect(config.classifyToken(400, none, { error: 'invalid_grant' }, NOW)).toEqual(
      classify(400, none, { error: 'invalid_grant' }, NOW),
    );
    expect(config.classifyToken(401, none, '<html>', NOW).kind).toBe('unavailable');
  });
});
