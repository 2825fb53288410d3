// createMockFetch: the same mock networks behind a plain fetch function (for the headless simulator and the
// extension's simulation build). It must answer exactly like the MSW path.
import { describe, expect, test } from 'vitest';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createMockFetch } from '../../mocks/fetch.ts';
import { createWorld } from '../../mocks/world.ts';
import { authorizeUrl, basic, createEnv, pkce, REDIRECT, T0, useServer } from './harness.ts';

useServer();

/** An X connect + check + tweet, through whichever fetch is given; returns every status and body. */
async function xFlow(f: typeof fetch) {
  const { verifier, challenge } = await pkce();
  const consent = await f(authorizeUrl('x', { code_challenge: challenge, code_challenge_method: 'S256' }), {
    redirect: 'manual',
  });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await f('https://api.x.com/2/oauth2/token', {
    method: 'POST',
    headers: basic(MOCK_CLIENTS.x.clientId, MOCK_CLIENTS.x.clientSecret),
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }),
  });
  const tokens = (await token.json()) as { access_token: string };
  const me = await f(
    new Request('https://api.twitter.com/2/users/me', {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    }),
  );
  const tweet = await f('https://api.x.com/2/tweets', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'same either way' }),
  });
  return [consent.status, token.status, tokens, me.status, await me.json(), tweet.status, await tweet.json()];
}

describe('createMockFetch', () => {
  test('answers exactly like the MSW handlers (same seed, same calls, same bytes)', async () => {
    const viaMsw = createEnv({ seed: 5 });
    viaMsw.world.addAccount({ id: 'x', network: 'x' });
    viaMsw.world.signIn('x', 'x');
    const direct = createWorld({ now: () => T0, seed: 5 });
    direct.addAccount({ id: 'x', network: 'x' });
    direct.signIn('x', 'x');
    expect(await xFlow(createMockFetch(direct))).toEqual(await xFlow(fetch));
    expect(direct.calls()).toEqual(viaMsw.world.calls());
  });

  test('rejects URLs no mock serves, or hands them to a fallback', async () => {
    const world = createWorld({ now: () => T0 });
    await expect(createMockFetch(world)('https://example.com/')).rejects.toThrow(
      /no mock network handles GET https:\/\/example.com\//,
    );
    const fallback = (async () => new Response('real network')) as unknown as typeof fetch;
    expect(
      await (await createMockFetch(world, { onUnhandled: fallback })('https://example.com/')).text(),
    ).toBe('real network');
  });

  test('follows redirects by default (into the unhandled redirect URI), returns them with redirect: manual', async () => {
    const world = createWorld({ now: () => T0 });
    world.addAccount({ id: 'li', network: 'linkedin' });
    world.signIn('linkedin', 'li');
    const f = createMockFetch(world);
    await expect(f(authorizeUrl('linkedin'))).rejects.toThrow(/chromiumapp\.org/);
    const manual = await f(authorizeUrl('linkedin'), { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toMatch(/^https:\/\/\w+\.chromiumapp\.org\/cb\?code=/);
  });

  test('honours an already-aborted signal', async () => {
    const world = createWorld({ now: () => T0 });
    const controller = new AbortController();
    controller.abort();
    await expect(
      createMockFetch(world)('https://api.x.com/2/users/me', { signal: controller.signal }),
    ).rejects.toThrow();
  });
});
