// Real mode without a team server (issue #16 "Standalone mode stays"): the production background never
// holds or sends an app secret. X connects as a public client with PKCE through launchWebAuthFlow; Facebook,
// Instagram, LinkedIn and YouTube, which need a secret at the token exchange, are refused before any
// consent opens, with the way to connect them (the team server). The network is a scripted fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { productionSetup } from '../../extension/background/production.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { T0 } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const REDIRECT = 'https://test-extension-id.chromiumapp.org/';

interface Seen {
  url: string;
  headers: Headers;
  body: string;
}

let seen: Seen[];
let consents: string[];

beforeEach(() => {
  resetBrowser();
  seen = [];
  consents = [];
  // launchWebAuthFlow: the person allows; X redirects back with a code and the state it was given.
  Object.assign(fakeBrowser.identity, {
    launchWebAuthFlow: async ({ url }: { url: string }) => {
      consents.push(url);
      const state = new URL(url).searchParams.get('state');
      return `${REDIRECT}?code=code-1&state=${state}`;
    },
  });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, headers: request.headers, body: await request.text() });
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (request.url.startsWith('https://api.x.com/2/oauth2/token'))
      return json({
        token_type: 'bearer',
        access_token: 'x-access',
        refresh_token: 'x-refresh',
        expires_in: 7200,
        scope: 'tweet.read tweet.write users.read offline.access',
      });
    if (request.url.startsWith('https://api.x.com/2/users/me'))
      return json({ data: { id: '42', name: 'Ada on X', username: 'ada' } });
    return new Response('not scripted', { status: 500 });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function production(clients: Record<string, { clientId: string; clientSecret?: string }> = {}) {
  const store = new Store(await openHealthDb(freshDbName()));
  await store.commit({ clients: clients as never });
  const bg = await Background.open({ store, setup: await productionSetup(store), now: () => T0 });
  return { bg, store };
}

describe('standalone production mode (issue #16)', () => {
  it('X connects as a public client with PKCE: client id and verifier at the token exchange, no secret', async () => {
    const { bg, store } = await production({ x: { clientId: 'x-client' } });
    expect(await bg.handle({ type: 'connect', network: 'x' })).toEqual({ ok: true });
    const authorize = new URL(consents[0]!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = seen.find((s) => s.url.startsWith('https://api.x.com/2/oauth2/token'))!;
    const form = new URLSearchParams(exchange.body);
    expect(form.get('client_id')).toBe('x-client');
    expect(form.get('code_verifier')).toBeTruthy();
    expect(form.has('client_secret')).toBe(false);
    expect(exchange.headers.get('authorization')).toBeNull();
    const [account] = (await store.get('state'))!.accounts.list();
    expect(account).toMatchObject({ network: 'x', status: 'connected', connectedBy: 'me' });
    expect((await store.tokens().get(account!.id))?.accessToken).toBe('x-access');
  });

  it('a secret left in the stored settings by an earlier version is never sent', async () => {
    const { bg } = await production({ x: { clientId: 'x-client', clientSecret: 'OLD-SECRET' } });
    expect(await bg.handle({ type: 'connect', network: 'x' })).toEqual({ ok: true });
    const exchange = seen.find((s) => s.url.startsWith('https://api.x.com/2/oauth2/token'))!;
    expect(exchange.body).not.toContain('OLD-SECRET');
    expect(exchange.headers.get('authorization')).toBeNull();
  });

  it.each(['facebook', 'instagram', 'linkedin', 'youtube'] as const)(
    '%s needs a secret at the token exchange: refused before any consent, pointing to the team server',
    async (network) => {
      const { bg, store } = await production({ [network]: { clientId: 'some-id' } });
      const reply = await bg.handle({ type: 'connect', network });
      expect(reply.ok).toBe(false);
      expect(reply.ok ? '' : reply.message).toMatch(/app secret .* npm run server/);
      expect(consents).toEqual([]);
      expect(seen).toEqual([]);
      expect((await store.get('state'))!.accounts.list()).toEqual([]);
    },
  );

  it('set-clients with a secret is not in the protocol (the extension never takes one)', async () => {
    const { parseRequest } = await import('../../extension/lib/protocol.ts');
    const id = fakeBrowser.runtime.id;
    const withSecret = { type: 'set-clients', clients: { x: { clientId: 'a', clientSecret: 'b' } } };
    expect(parseRequest(withSecret, { id }, id)).toBeNull();
  });
});
