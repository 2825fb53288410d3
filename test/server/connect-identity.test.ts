// A connect through the server whose consent brings back an account the team already has (issue #13
// finding 1, runtime/identity.ts): it is that account's reconnect or refresh, never a copy, and no token is
// left under the id the connect had asked for. The simulated consent page signs in as the team's account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, joinWith, leaksOf, startTestServer, type TestServer } from './harness.ts';

describe.each(BACKENDS)('a connect that brings back an account the team has (%s)', (backend) => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer(backend, 'connect-identity');
    admin = await joinWith(t, t.server.firstInvite!.code);
  });

  afterAll(async () => {
    expect(await leaksOf(t)).toEqual([]);
    await t.close();
  });

  const tokenRows = async (account: string) =>
    await t.server.storage.db
      .selectFrom('tokens')
      .select('account_id')
      .where('account_id', '=', account)
      .execute();

  it('R7: it refreshes that account: the answer names it, no new account is listed, no token stays under the new id', async () => {
    const consent = await t.call('POST', '/api/consent', {
      token: admin,
      body: { action: 'connect', network: 'facebook', account: 'facebook-again' },
    });
    // The person at Facebook's consent page is signed in as the team's facebook-1.
    const page = new URL(consent.json.url);
    page.searchParams.set('account', 'facebook-1');
    const answer = await fetch(page, { redirect: 'manual' });
    const done = await t.call('GET', answer.headers.get('location')!.replace(t.url, ''));
    const back = new URL(done.headers.get('location')!);
    expect(back.searchParams.get('result')).toBe('ok');
    expect(back.searchParams.get('account')).toBe('facebook-1');
    expect((await t.call('GET', '/api/accounts/facebook-again', { token: admin })).status).toBe(404);
    expect((await t.call('GET', '/api/accounts/facebook-1', { token: admin })).json).toMatchObject({
      status: 'connected',
    });
    expect(await tokenRows('facebook-again')).toEqual([]);
    expect(await tokenRows('facebook-1')).toHaveLength(1);
  });
});
