// Issue #13, finding 8: no detail the connection layer returns carries a secret the account has held, not only
// the ones its failing request sent (adapters/secrets.ts, connection.ts). Details are stored (lastCheck.detail),
// shown and logged.
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createConnections } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import { RECENT_SECRETS, RecentSecrets, scrub } from '../../adapters/secrets.ts';
import { X } from '../../adapters/x.ts';
import * as F from './fixtures.ts';
import { CLIENT, context, formOf, memoryStore, NOW, tokens, useServer } from './support.ts';

const server = useServer();
const ACCOUNT = { id: 'acc-x', network: 'x' } as const;

/** Token values long enough to look real, so a match in a detail is never an accident. */
const GEN = (n: number) => ({
  access: `x-access-generation-${n}-AbCd`,
  refresh: `x-refresh-generation-${n}-EfGh`,
});

/** An X token endpoint that rotates generation 1 into 2, then refuses, echoing everything it ever saw. */
function rotatingThenEchoing() {
  let calls = 0;
  server.use(
    http.post(X.token, async ({ request }) => {
      const form = await formOf(request);
      calls++;
      if (calls === 1 && form.refresh_token === GEN(1).refresh) {
        return HttpResponse.json({
          ...F.X_TOKEN,
          access_token: GEN(2).access,
          refresh_token: GEN(2).refresh,
        });
      }
      const echo = `Value passed for the token was invalid: ${GEN(1).access} ${GEN(1).refresh} ${CLIENT.clientSecret} ${GEN(2).access} ${GEN(2).refresh}`;
      return HttpResponse.json({ error: 'invalid_request', error_description: echo }, { status: 400 });
    }),
    http.get(X.me, ({ request }) =>
      request.headers.get('authorization') === `Bearer ${GEN(2).access}`
        ? HttpResponse.json(F.X_ME)
        : HttpResponse.json(F.X_401, { status: 401 }),
    ),
  );
}

function connections() {
  const memory = memoryStore({
    [ACCOUNT.id]: tokens({ accessToken: GEN(1).access, refreshToken: GEN(1).refresh, expiresAt: NOW - 1000 }),
  });
  return {
    ...memory,
    connections: createConnections({ adapters: ADAPTERS, tokens: memory.store, context: () => context() }),
  };
}

const ALL_SECRETS = [GEN(1).access, GEN(1).refresh, GEN(2).access, GEN(2).refresh, CLIENT.clientSecret];

describe('#13 (finding 8): every secret the account has held is kept out of returned details', () => {
  it('#13/R12: a refused refresh whose body echoes the previous access and refresh tokens and the client secret yields a detail without any of them', async () => {
    rotatingThenEchoing();
    const { connections: c, data } = connections();
    // The expired generation 1 is renewed (R12) and generation 2 is stored and works.
    expect(await c.check(ACCOUNT)).toEqual({ kind: 'ok' });
    expect(data.get(ACCOUNT.id)?.accessToken).toBe(GEN(2).access);
    // The next refresh is refused with a body quoting every secret ever sent.
    const refused = await c.refresh(ACCOUNT);
    expect(refused.ok === false && refused.failure).toMatchObject({
      kind: 'auth-error',
      reason: 'token-expired',
    });
    const detail = refused.ok ? '' : (refused.failure.detail ?? '');
    expect(detail).toContain('Value passed for the token was invalid');
    for (const secret of ALL_SECRETS) expect(detail).not.toContain(secret);
  });

  it('#13: the same holds for a check whose refresh is refused, the way the rules store it (lastCheck.detail)', async () => {
    rotatingThenEchoing();
    const { connections: c, data } = connections();
    expect(await c.check(ACCOUNT)).toEqual({ kind: 'ok' });
    // Generation 2 has now expired: the check's renewal is refused, echoing everything.
    data.set(ACCOUNT.id, { ...data.get(ACCOUNT.id)!, expiresAt: NOW - 1 });
    const outcome = await c.check(ACCOUNT);
    expect(outcome).toMatchObject({ kind: 'auth-error', reason: 'token-expired' });
    for (const secret of ALL_SECRETS) expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('#13: a revoke and a publish answer echoing the previous token are redacted too', async () => {
    rotatingThenEchoing();
    const { connections: c } = connections();
    expect(await c.check(ACCOUNT)).toEqual({ kind: 'ok' });
    const echo = { title: 'Forbidden', detail: `token ${GEN(1).access} is not allowed`, type: 'about:blank' };
    server.use(
      http.post(X.revoke, () => HttpResponse.json(echo, { status: 403 })),
      http.post(X.tweets, () => HttpResponse.json(echo, { status: 403 })),
    );
    const revoked = await c.revoke(ACCOUNT);
    const published = await c.publish(ACCOUNT, { text: 'hello' });
    expect(revoked.kind).toBe('unavailable');
    expect(published.ok).toBe(false);
    expect(JSON.stringify([revoked, published])).not.toContain(GEN(1).access);
    expect(JSON.stringify([revoked, published])).toContain('[redacted]');
  });
});

describe(`RecentSecrets: a bounded memory (${RECENT_SECRETS} secrets per account)`, () => {
  const set = (n: number) => tokens({ accessToken: GEN(n).access, refreshToken: GEN(n).refresh });

  it('keeps the newest secrets first, each once, at most the bound, per account', () => {
    const memory = new RecentSecrets();
    for (let n = 1; n <= 6; n++) memory.remember('a', set(n));
    memory.remember('a', set(6));
    expect(memory.of('a')).toEqual([
      GEN(6).access,
      GEN(6).refresh,
      GEN(5).access,
      GEN(5).refresh,
      GEN(4).access,
      GEN(4).refresh,
      GEN(3).access,
      GEN(3).refresh,
    ]);
    expect(memory.of('b')).toEqual([]);
  });

  it('a refresh token that does not rotate takes one slot, so more access tokens are remembered', () => {
    const memory = new RecentSecrets();
    for (let n = 1; n <= 7; n++)
      memory.remember('g', tokens({ accessToken: GEN(n).access, refreshToken: 'google-rt-1' }));
    expect(memory.of('g')).toHaveLength(RECENT_SECRETS);
    expect(memory.of('g')).toContain('google-rt-1');
    expect(memory.of('g')).toContain(GEN(1).access);
  });

  it('scrub() redacts raw and URL-encoded forms of every secret it is given, and leaves successes alone', () => {
    const text = `q=${encodeURIComponent('tok/with+chars==')} raw tok/with+chars== and app-secret-1`;
    const failed = { ok: false as const, failure: { kind: 'network-error' as const, detail: text } };
    expect(scrub(failed, ['tok/with+chars==', null, 'app-secret-1'])).toEqual({
      ok: false,
      failure: { kind: 'network-error', detail: 'q=[redacted] raw [redacted] and [redacted]' },
    });
    const fine = { ok: true as const, value: 'tok/with+chars==' };
    expect(scrub(fine, ['tok/with+chars=='])).toBe(fine);
  });
});
