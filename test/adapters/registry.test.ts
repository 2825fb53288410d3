// Convention test: every network has its adapter file, named after its id, registered, with a classifier.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import type { AdapterContext, NetworkAdapter, TokenSwap } from '../../adapters/types.ts';
import { NETWORKS } from '../../core/schemas.ts';

const dir = fileURLToPath(new URL('../../adapters/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('adapters/ conventions', () => {
  it.each(NETWORKS)(
    "%s: has adapters/<id>.ts, is registered under its id and exports a pure classifier (plus its token endpoint's, if it has one)",
    async (network) => {
      expect(readdirSync(dir)).toContain(`${network}.ts`);
      const module: Record<string, unknown> = await import(`../../adapters/${network}.ts`);
      expect(ADAPTERS[network].id).toBe(network);
      expect(module[network]).toBe(ADAPTERS[network]);
      const classifiers = Object.entries(module).filter(
        ([name, value]) => name.startsWith('classify') && typeof value === 'function',
      );
      expect(classifiers.filter(([name]) => !name.endsWith('Token'))).toHaveLength(1);
    },
  );

  it('registers exactly the core networks', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...NETWORKS].sort());
  });

  it('PKCE networks send a challenge and non-PKCE ones do not', () => {
    for (const adapter of Object.values(ADAPTERS)) {
      const url = new URL(
        adapter.authorizeUrl(
          {
            fetch,
            now: () => 0,
            config: { clientId: 'c', clientSecret: 's', redirectUri: 'https://r.example/' },
          },
          { state: 's1', codeChallenge: 'ch1' },
        ),
      );
      expect(url.searchParams.get('state')).toBe('s1');
      expect(url.searchParams.get('code_challenge') === 'ch1').toBe(adapter.pkce);
    }
  });
});

const https = (url: string) => new URL(url).protocol === 'https:';
const oneOf = <T>(values: readonly T[]) => expect.toSatisfy((v: T) => values.includes(v));

function expectSwap(swap: TokenSwap | null, label: string) {
  if (swap === null) return;
  expect(https(swap.url), `${label}.url`).toBe(true);
  expect(swap, label).toEqual({
    url: swap.url,
    grant: oneOf(['fb_exchange_token', 'ig_exchange_token', 'ig_refresh_token']),
    param: oneOf(['fb_exchange_token', 'access_token']),
    client: oneOf(['post', 'secret', 'none']),
  });
}

describe('adapters/ declarative OAuth data (merged by adapters/oauth.ts)', () => {
  it.each(NETWORKS)(
    '%s: its OAuth data is complete: endpoints, scopes, PKCE, client authentication, token policy, classifiers',
    (network) => {
      const a: NetworkAdapter = ADAPTERS[network];
      expect(a.id).toBe(network);
      expect(a.issuer).toMatch(/\S/);
      expect(https(a.authorize) && https(a.token)).toBe(true);
      expect(a.scopes.length).toBeGreaterThan(0);
      for (const scope of a.scopes) expect(scope).toMatch(/^\S+$/);
      expect([' ', ',']).toContain(a.scopeSeparator);
      expect(typeof a.pkce).toBe('boolean');
      expect(['GET', 'POST']).toContain(a.tokenMethod);
      for (const params of [a.authorizeParams, a.tokenParams]) {
        for (const value of Object.values(params)) expect(typeof value).toBe('string');
      }
      expect(['basic', 'post']).toContain(a.client.auth);
      expect(['required', 'optional']).toContain(a.client.secret);
      expect(['refresh-token', 'self']).toContain(a.tokens.renew);
      expect(['scheduled', 'on-use']).toContain(a.tokens.upkeep);
      expect(a.tokens.ahead).toBeGreaterThan(0);
      if (a.tokens.keepAlive) expect(a.tokens.keepAlive.every).toBeLessThan(a.tokens.keepAlive.idle);
      for (const fn of [a.classify, a.classifyToken, a.explained]) expect(typeof fn).toBe('function');
      expect(typeof a.codeAnswer._zod.parse).toBe('function');
      expectSwap(a.longLived, 'longLived');
      expectSwap(a.renewal, 'renewal');
      // A swap renews a token by itself (Meta); a refresh grant needs a reason to say when none was given.
      if (a.tokens.renew === 'refresh-token') expect(a.noRefreshToken).toMatch(/\S/);
      if (a.renewal !== null) expect(a.tokens.renew).toBe('self');
    },
  );

  it.each(NETWORKS)(
    '%s: its refresh reaches the network for renewable tokens (the renewal data, or its own step, is complete)',
    async (network) => {
      const requests: string[] = [];
      const ctx: AdapterContext = {
        fetch: async (input) => {
          requests.push(String(input));
          throw new TypeError('offline');
        },
        now: () => 0,
        config: { clientId: 'c', clientSecret: 's', redirectUri: 'https://r.example/' },
        retries: 0,
      };
      const tokens = {
        accessToken: 'at',
        refreshToken: 'rt',
        expiresAt: 3_600_000,
        refreshExpiresAt: null,
        scopes: [],
      };
      const result = await ADAPTERS[network].refresh(ctx, tokens);
      expect(result.ok === false && result.failure.kind).toBe('network-error');
      expect(requests.length).toBeGreaterThan(0);
    },
  );

  it.each(NETWORKS)(
    '%s: the code exchange sends the PKCE verifier exactly when its data says pkce',
    async (network) => {
      const sent: URLSearchParams[] = [];
      const ctx: AdapterContext = {
        fetch: async (input, init) => {
          const params = new URLSearchParams(new URL(String(input)).search);
          if (init?.body instanceof URLSearchParams) for (const [k, v] of init.body) params.set(k, v);
          sent.push(params);
          throw new TypeError('offline');
        },
        now: () => 0,
        config: { clientId: 'c', clientSecret: 's', redirectUri: 'https://r.example/' },
        retries: 0,
      };
      await ADAPTERS[network].exchangeCode(ctx, { code: 'code-1', codeVerifier: 'verifier-1' });
      expect(sent[0]?.get('code')).toBe('code-1');
      expect(sent[0]?.get('code_verifier') ?? null).toBe(ADAPTERS[network].pkce ? 'verifier-1' : null);
    },
  );

  it("each network file's token classifier is the engine's, built from that network's data", async () => {
    const exported = {
      x: (await import('../../adapters/x.ts')).classifyXToken,
      youtube: (await import('../../adapters/youtube.ts')).classifyGoogleToken,
      linkedin: (await import('../../adapters/linkedin.ts')).classifyLinkedInToken,
    };
    for (const [network, classifier] of Object.entries(exported)) {
      expect(classifier).toBe(ADAPTERS[network as keyof typeof exported].classifyToken);
    }
  });

  it('AccountRef and Connections are declared once, in adapters/connection.ts (issue #14)', () => {
    // `interface X` or `type X =` at the start of a line: a declaration, not an import or re-export of one.
    const declaration =
      /^\s*(?:export\s+)?(?:interface\s+(AccountRef|Connections)\b|type\s+(AccountRef|Connections)\s*[=<])/gm;
    const found: string[] = [];
    for (const folder of ['core', 'adapters', 'runtime', 'sim', 'extension', 'server']) {
      let files: string[] = [];
      try {
        files = readdirSync(`${root}${folder}`, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const file of files.filter((f) => /\.tsx?$/.test(f))) {
        const path = `${folder}/${file}`;
        for (const match of readFileSync(`${root}${path}`, 'utf8').matchAll(declaration)) {
          found.push(`${path}: ${match[1] ?? match[2]}`);
        }
      }
    }
    // runtime/email/types.ts's AccountRef is another type under the same name: what an email says about an
    // account (it carries the account's name), not the connection layer's reference.
    expect(found.filter((f) => f !== 'runtime/email/types.ts: AccountRef').sort()).toEqual([
      'adapters/connection.ts: AccountRef',
      'adapters/connection.ts: Connections',
    ]);
  });
});
