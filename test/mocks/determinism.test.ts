// Same seed + same calls = byte-identical profiles, codes and tokens, so a scenario replays exactly.
import { describe, expect, test } from 'vitest';
import { NETWORKS } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { metaTime } from '../../mocks/handlers/meta.ts';
import { createWorld } from '../../mocks/world.ts';
import { createEnv, form, GRAPH, get, post, q, REDIRECT, str, T0, useServer } from './harness.ts';

useServer();

/** A fixed script of world calls and HTTP calls; returns everything observable. */
async function script(seed: number) {
  const { world, advance } = createEnv({ seed });
  const ids = NETWORKS.map((network) => world.addAccount({ id: `${network}-1`, network }));
  const grants = NETWORKS.map((network) => world.grant(`${network}-1`));
  world.signIn('linkedin', 'linkedin-1');
  const url = new URL('https://www.linkedin.com/oauth/v2/authorization');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: MOCK_CLIENTS.linkedin.clientId,
    redirect_uri: REDIRECT,
    state: 's',
  }).toString();
  const location = (await fetch(url, { redirect: 'manual' })).headers.get('location');
  const li = await post(
    'https://www.linkedin.com/oauth/v2/accessToken',
    form({
      grant_type: 'authorization_code',
      code: new URL(location ?? '').searchParams.get('code') ?? '',
      redirect_uri: REDIRECT,
      client_id: MOCK_CLIENTS.linkedin.clientId,
      client_secret: MOCK_CLIENTS.linkedin.clientSecret,
    }),
  );
  advance(1000);
  const pages = await get(q(`${GRAPH}/me/accounts`, { access_token: grants[0]?.accessToken ?? '' }));
  const err = await get(q(`${GRAPH}/me`, { access_token: 'bad' }));
  return {
    ids,
    grants,
    location,
    li: li.body,
    pages: pages.body,
    fbtrace: str(err.body, 'error', 'fbtrace_id'),
  };
}

describe('determinism', () => {
  test('two runs with the same seed produce identical identities, codes, tokens and trace ids', async () => {
    const a = await script(42);
    const b = await script(42);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  test('a different seed changes names, ids and tokens', async () => {
    const a = await script(1);
    const b = await script(2);
    expect(b.ids.map((i) => i.name)).not.toEqual(a.ids.map((i) => i.name));
    expect(b.ids.map((i) => i.networkUserId)).not.toEqual(a.ids.map((i) => i.networkUserId));
    expect(b.grants.map((t) => t.accessToken)).not.toEqual(a.grants.map((t) => t.accessToken));
  });

  test('an identity depends only on seed and account id, not on which accounts were added before it', () => {
    const one = createWorld({ now: () => T0, seed: 9 });
    const two = createWorld({ now: () => T0, seed: 9 });
    for (let i = 0; i < 20; i++) two.addAccount({ id: `noise-${i}`, network: 'x' });
    expect(two.addAccount({ id: 'ada', network: 'linkedin' })).toEqual(
      one.addAccount({ id: 'ada', network: 'linkedin' }),
    );
    // Tokens too: per-account counters, not a global one.
    two.grant('noise-3');
    expect(two.grant('ada').accessToken).toBe(one.grant('ada').accessToken);
  });

  test('identities look like the real networks’ ids', () => {
    const w = createWorld({ now: () => T0 });
    expect(w.addAccount({ id: 'f', network: 'facebook' }).networkUserId).toMatch(/^1\d{14}$/);
    expect(w.addAccount({ id: 'i', network: 'instagram' }).networkUserId).toMatch(/^1784\d{13}$/);
    expect(w.addAccount({ id: 'x', network: 'x' }).handle).toMatch(/^[a-z0-9_]{1,15}$/);
    expect(w.addAccount({ id: 'y', network: 'youtube' }).networkUserId).toMatch(/^UC[\w-]{22}$/);
    expect(w.addAccount({ id: 'l', network: 'linkedin' }).handle).toBeNull();
  });
});

describe("Meta's clock text", () => {
  test('formats Pacific time with the right zone on both sides of a DST switch', () => {
    expect(metaTime(Date.parse('2026-07-01T12:00:00Z'))).toBe('Wednesday, 01-Jul-26 05:00:00 PDT');
    expect(metaTime(Date.parse('2026-03-08T09:59:59Z'))).toBe('Sunday, 08-Mar-26 01:59:59 PST');
    expect(metaTime(Date.parse('2026-03-08T10:00:00Z'))).toBe('Sunday, 08-Mar-26 03:00:00 PDT');
    expect(metaTime(Date.parse('2022-11-17T05:30:03Z'))).toBe('Wednesday, 16-Nov-22 21:30:03 PST');
  });
});
