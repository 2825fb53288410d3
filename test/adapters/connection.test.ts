// createConnections: token freshness (R12), coalesced refreshes, rotation, and R2/R11 outcomes end to end.
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createConnections } from '../../adapters/connection.ts';
import { FACEBOOK } from '../../adapters/facebook.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import { INSTAGRAM } from '../../adapters/instagram.ts';
import { LINKEDIN } from '../../adapters/linkedin.ts';
import type { NetworkAdapter, TokenSet } from '../../adapters/types.ts';
import { X } from '../../adapters/x.ts';
import { YOUTUBE } from '../../adapters/youtube.ts';
import * as F from './fixtures.ts';
import { context, DAY, formOf, HOUR, memoryStore, NOW, tokens, useServer } from './support.ts';

const server = useServer();
const X_ACCOUNT = { id: 'acc-x', network: 'x' } as const;

/**
 * A small X: one live access token at a time, rotating refresh tokens (the old one is refused [X-ROT]),
 * a latency on the token endpoint so concurrent callers overlap.
 */
function fakeX(initial: { refresh: string; liveAccess: string | null; spreadMe?: boolean }) {
  const state = { ...initial, refreshCalls: 0, meCalls: 0, tweets: 0, generation: 1, tokenStatus: 200 };
  server.use(
    http.post(X.token, async ({ request }) => {
      const form = await formOf(request);
      state.refreshCalls++;
      await delay(5);
      if (state.tokenStatus !== 200) return new HttpResponse(null, { status: state.tokenStatus });
      if (form.grant_type !== 'refresh_token' || form.refresh_token !== state.refresh) {
        return HttpResponse.json(F.X_REFRESH_REFUSED, { status: 400 });
      }
      state.generation++;
      state.refresh = `rt-${state.generation}`;
      state.liveAccess = `at-${state.generation}`;
      return HttpResponse.json({
        ...F.X_TOKEN,
        access_token: state.liveAccess,
        refresh_token: state.refresh,
      });
    }),
    http.get(X.me, async ({ request }) => {
      const call = state.meCalls++;
      // Spread answers out so some 401s arrive after another caller's refresh has already finished.
      if (initial.spreadMe) await delay(call * 3);
      return request.headers.get('authorization') === `Bearer ${state.liveAccess}`
        ? HttpResponse.json(F.X_ME)
        : HttpResponse.json(F.X_401, { status: 401 });
    }),
    http.post(X.tweets, ({ request }) => {
      state.tweets++;
      return request.headers.get('authorization') === `Bearer ${state.liveAccess}`
        ? HttpResponse.json({ data: { id: 't-1', text: 'x' } }, { status: 201 })
        : HttpResponse.json(F.X_401, { status: 401 });
    }),
  );
  return state;
}

function setup(initial: Record<string, TokenSet>, now = NOW) {
  const memory = memoryStore(initial);
  const connections = createConnections({
    adapters: ADAPTERS,
    tokens: memory.store,
    context: () => context({ now: () => now }),
  });
  return { connections, ...memory };
}

const expiredX = tokens({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW - 1000 });

describe('createConnections: R12 refresh without status change', () => {
  it('R12: 20 concurrent checks of one X account with an expired access token make exactly one refresh call and all succeed', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null });
    const { connections, data } = setup({ 'acc-x': expiredX });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => connections.check(X_ACCOUNT)));
    expect(x.refreshCalls).toBe(1);
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ kind: 'ok' })));
    expect(data.get('acc-x')).toMatchObject({
      accessToken: 'at-2',
      refreshToken: 'rt-2',
      expiresAt: NOW + 7200 * 1000,
    });
  });

  it('R12: concurrent check, publish, profile and refresh of one account still refresh once', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null });
    const { connections } = setup({ 'acc-x': expiredX });
    const results = await Promise.all([
      connections.check(X_ACCOUNT),
      connections.publish(X_ACCOUNT, { text: 'hi' }),
      connections.profile(X_ACCOUNT),
      connections.refresh(X_ACCOUNT),
    ]);
    expect(x.refreshCalls).toBe(1);
    expect(results.map((r) => ('kind' in r ? r.kind : r.ok))).toEqual(['ok', true, true, true]);
  });

  it('R12: 401s that arrive after another caller already refreshed reuse its tokens instead of the dead refresh token', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null, spreadMe: true });
    const { connections } = setup({ 'acc-x': { ...expiredX, expiresAt: NOW + HOUR } });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => connections.check(X_ACCOUNT)));
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ kind: 'ok' })));
    expect(x.refreshCalls).toBe(1);
  });

  it('R12: the rotated refresh token is stored and used by the next refresh', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null });
    const { connections, data } = setup({ 'acc-x': expiredX });
    expect(await connections.check(X_ACCOUNT)).toEqual({ kind: 'ok' });
    expect(data.get('acc-x')?.refreshToken).toBe('rt-2');
    // Two hours later the stored token has expired in turn: the refresh must spend rt-2, not rt-1.
    const later = setup({ 'acc-x': data.get('acc-x')! }, NOW + 3 * HOUR);
    expect(await later.connections.check(X_ACCOUNT)).toEqual({ kind: 'ok' });
    expect(x.refreshCalls).toBe(2);
    expect(later.data.get('acc-x')?.refreshToken).toBe('rt-3');
  });

  it('R12: a token inside its refresh margin is refreshed before the check', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: 'at-1' });
    const { connections, data } = setup({ 'acc-x': { ...expiredX, expiresAt: NOW + 2 * 60_000 } });
    expect(await connections.check(X_ACCOUNT)).toEqual({ kind: 'ok' });
    expect(x.refreshCalls).toBe(1);
    expect(data.get('acc-x')?.accessToken).toBe('at-2');
  });

  it('R12: an ambiguous 401 on a token the clock says is valid triggers one refresh, then the check is ok', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null });
    const { connections } = setup({ 'acc-x': { ...expiredX, expiresAt: NOW + HOUR } });
    expect(await connections.check(X_ACCOUNT)).toEqual({ kind: 'ok' });
    expect(x.refreshCalls).toBe(1);
    expect(x.meCalls).toBe(2);
  });

  it('R12: a publish answered 401 is refreshed and sent once more', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null });
    const { connections } = setup({ 'acc-x': { ...expiredX, expiresAt: NOW + HOUR } });
    expect(await connections.publish(X_ACCOUNT, { text: 'hi' })).toEqual({
      ok: true,
      value: { remoteId: 't-1' },
    });
    expect(x.tweets).toBe(2);
  });

  it('R12: a refresh answer without refresh_token keeps the stored one (Google)', async () => {
    const { refresh_token: _dropped, ...withoutRefresh } = F.G_TOKEN;
    server.use(
      http.post(YOUTUBE.token, async ({ request }) =>
        (await formOf(request)).refresh_token === 'rt-g'
          ? HttpResponse.json({ ...withoutRefresh, access_token: 'at-g2' })
          : HttpResponse.json(F.G_INVALID_GRANT, { status: 400 }),
      ),
      http.get(YOUTUBE.tokeninfo, ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === 'at-g2'
          ? HttpResponse.json(F.G_TOKENINFO_VALID)
          : HttpResponse.json(F.G_TOKENINFO_INVALID, { status: 400 }),
      ),
      // The check also lists the own channel (suspended/closed accounts only show there [YT-ERR]).
      http.get(YOUTUBE.channels, () =>
        HttpResponse.json({ kind: 'youtube#channelListResponse', items: [{ id: 'UC_1' }] }),
      ),
    );
    const account = { id: 'acc-yt', network: 'youtube' } as const;
    const { connections, data } = setup({
      'acc-yt': tokens({ accessToken: 'at-g1', refreshToken: 'rt-g', expiresAt: NOW - 1 }),
    });
    expect(await connections.check(account)).toEqual({ kind: 'ok' });
    expect(data.get('acc-yt')).toMatchObject({
      accessToken: 'at-g2',
      refreshToken: 'rt-g',
      expiresAt: NOW + 3599 * 1000,
    });
  });

  it('R12: a refresh result with an empty refresh token never overwrites the stored one', async () => {
    const stub: NetworkAdapter = {
      ...ADAPTERS.x,
      refresh: async (_ctx, old) => ({
        ok: true,
        value: { ...old, accessToken: 'at-new', refreshToken: '', expiresAt: NOW + HOUR },
      }),
    };
    const memory = memoryStore({ 'acc-x': expiredX });
    const connections = createConnections({
      adapters: { ...ADAPTERS, x: stub },
      tokens: memory.store,
      context: () => context(),
    });
    expect((await connections.refresh(X_ACCOUNT)).ok).toBe(true);
    expect(memory.data.get('acc-x')).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-1' });
  });

  it('R12: an Instagram token within a week of expiry is refreshed (ig_refresh_token) before the check', async () => {
    let refreshes = 0;
    server.use(
      http.get(INSTAGRAM.refresh, () => {
        refreshes++;
        return HttpResponse.json(F.IG_REFRESHED);
      }),
      http.get(INSTAGRAM.me, ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === 'x*144'
          ? HttpResponse.json(F.IG_ME_LEGACY)
          : HttpResponse.json(F.IG_EXPIRED, { status: 400 }),
      ),
    );
    const account = { id: 'acc-ig', network: 'instagram' } as const;
    const { connections, data } = setup({ 'acc-ig': tokens({ expiresAt: NOW + 3 * DAY }) });
    expect(await connections.check(account)).toEqual({ kind: 'ok' });
    expect(refreshes).toBe(1);
    expect(data.get('acc-ig')).toMatchObject({ accessToken: 'x*144', refreshToken: null });
  });

  it('R12: a Facebook user token stored by an older version is swapped for the non-expiring Page token before the check', async () => {
    const live = { ...F.FB_DEBUG_VALID.data, data_access_expires_at: NOW / 1000 + 30 * 86_400 };
    server.use(
      http.get(FACEBOOK.pages, ({ request }) =>
        new URL(request.url).searchParams.get('access_token') === 'access-1'
          ? HttpResponse.json({ data: [{ id: 'page-1', access_token: 'page-token-1' }] })
          : HttpResponse.json(F.FB_SESSION_EXPIRED_NO_SUBCODE, { status: 400 }),
      ),
      http.get(FACEBOOK.debugToken, ({ request }) =>
        new URL(request.url).searchParams.get('input_token') === 'page-token-1'
          ? HttpResponse.json({ data: { ...live, type: 'PAGE', expires_at: 0 } })
          : HttpResponse.json(F.FB_DEBUG_CANNOT_PARSE),
      ),
    );
    const account = { id: 'acc-fb', network: 'facebook' } as const;
    const { connections, data } = setup({ 'acc-fb': tokens({ expiresAt: NOW + 3 * DAY }) });
    expect(await connections.check(account)).toEqual({ kind: 'ok' });
    expect(data.get('acc-fb')).toMatchObject({ accessToken: 'page-token-1', expiresAt: null });
  });
});

describe('createConnections: R2 refused refreshes and R11 transient ones', () => {
  it('R2: a refused X refresh (invalid_request) after a 401 is token-expired and nothing is stored', async () => {
    fakeX({ refresh: 'rt-someone-else', liveAccess: null });
    const { connections, writes } = setup({ 'acc-x': expiredX });
    const outcome = await connections.check(X_ACCOUNT);
    expect(outcome).toMatchObject({ kind: 'auth-error', reason: 'token-expired' });
    expect(outcome.kind === 'auth-error' && outcome.detail).toContain('invalid_request');
    expect(writes).toEqual([]);
  });

  it('R2: a refused Google refresh (invalid_grant) is token-expired', async () => {
    server.use(http.post(YOUTUBE.token, () => HttpResponse.json(F.G_INVALID_GRANT, { status: 400 })));
    const { connections } = setup({ 'acc-yt': tokens({ refreshToken: 'rt-dead', expiresAt: NOW - 1 }) });
    expect(await connections.check({ id: 'acc-yt', network: 'youtube' })).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
  });

  it('R11: a 503 from the token endpoint while the token is still valid leaves the check ok', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: 'at-1' });
    x.tokenStatus = 503;
    const { connections, writes } = setup({ 'acc-x': { ...expiredX, expiresAt: NOW + 2 * 60_000 } });
    expect(await connections.check(X_ACCOUNT)).toEqual({ kind: 'ok' });
    expect(writes).toEqual([]);
  });

  it('R11: a 503 from the token endpoint with an expired token is unavailable, never an auth-error', async () => {
    const x = fakeX({ refresh: 'rt-1', liveAccess: null });
    x.tokenStatus = 503;
    const { connections } = setup({ 'acc-x': expiredX });
    expect((await connections.check(X_ACCOUNT)).kind).toBe('unavailable');
  });

  it('R2: an expired Meta token is not exchanged (it cannot be [FB-LL]); debug_token decides', async () => {
    let exchanges = 0;
    server.use(
      http.get(FACEBOOK.token, () => {
        exchanges++;
        return HttpResponse.json(F.FB_LONG_LIVED);
      }),
      http.get(FACEBOOK.debugToken, () =>
        HttpResponse.json({
          data: { is_valid: false, error: { code: 190, message: 'Session has expired', subcode: 463 } },
        }),
      ),
    );
    const { connections } = setup({ 'acc-fb': tokens({ expiresAt: NOW - DAY }) });
    expect(await connections.check({ id: 'acc-fb', network: 'facebook' })).toMatchObject({
      reason: 'token-expired',
    });
    expect(exchanges).toBe(0);
  });

  it('R2: LinkedIn without a refresh token: an expired introspection is token-expired, no refresh tried', async () => {
    let refreshes = 0;
    server.use(
      http.post(LINKEDIN.token, () => {
        refreshes++;
        return HttpResponse.json(F.LI_TOKEN);
      }),
      http.post(LINKEDIN.introspect, () => HttpResponse.json(F.LI_INTROSPECT_EXPIRED)),
    );
    const { connections } = setup({ 'acc-li': tokens({ expiresAt: NOW - 1 }) });
    expect(await connections.check({ id: 'acc-li', network: 'linkedin' })).toMatchObject({
      reason: 'token-expired',
    });
    expect(refreshes).toBe(0);
  });

  it('R2: past the LinkedIn refresh horizon no refresh is tried [LI-PRT]', async () => {
    let refreshes = 0;
    server.use(
      http.post(LINKEDIN.token, () => {
        refreshes++;
        return HttpResponse.json(F.LI_TOKEN);
      }),
      http.post(LINKEDIN.introspect, () => HttpResponse.json(F.LI_INTROSPECT_EXPIRED)),
    );
    const stale = tokens({ refreshToken: 'rt-li', expiresAt: NOW - 1, refreshExpiresAt: NOW - 1 });
    const { connections } = setup({ 'acc-li': stale });
    expect(await connections.check({ id: 'acc-li', network: 'linkedin' })).toMatchObject({
      reason: 'token-expired',
    });
    expect(refreshes).toBe(0);
  });

  it('R2: an account without stored tokens is token-expired with a clear detail', async () => {
    const { connections } = setup({});
    expect(await connections.check(X_ACCOUNT)).toEqual({
      kind: 'auth-error',
      reason: 'token-expired',
      detail: 'x account acc-x has no stored tokens: connect it first',
    });
    const published = await connections.publish(X_ACCOUNT, { text: 'x' });
    expect(published.ok === false && published.failure.kind).toBe('auth-error');
  });
});

describe('createConnections: revoke', () => {
  it('revokes at networks that have an endpoint', async () => {
    let calls = 0;
    server.use(
      http.post(X.revoke, () => {
        calls++;
        return HttpResponse.json({ revoked: true });
      }),
    );
    const { connections } = setup({ 'acc-x': expiredX });
    expect(await connections.revoke(X_ACCOUNT)).toEqual({ kind: 'ok' });
    expect(calls).toBe(2);
  });

  it('is ok without any request where the network has no revoke endpoint (LinkedIn, Instagram)', async () => {
    const { connections } = setup({ 'acc-li': tokens(), 'acc-ig': tokens() });
    expect(await connections.revoke({ id: 'acc-li', network: 'linkedin' })).toEqual({ kind: 'ok' });
    expect(await connections.revoke({ id: 'acc-ig', network: 'instagram' })).toEqual({ kind: 'ok' });
  });
});
