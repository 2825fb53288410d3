// Real mode (no --simulate): the client id and secret come from the server's configuration; the consent
// URL carries the id and the server's own callback, never the secret; a network without a registered app
// is refused with what to set. No request leaves the machine (no callback is followed here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWith, REDIRECT, startTestServer, type TestServer } from './harness.ts';

const SECRET = 'fb-secret-9f8e7d6c5b4a39281706';

describe('real mode', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer('pglite', 'real', {
      simulate: false,
      publicUrl: 'https://health.example.com',
      clients: { facebook: { clientId: '123456789012345', clientSecret: SECRET } },
    });
    t.recorder.secrets.add(SECRET);
    admin = await joinWith(t, t.server.firstInvite!.code);
  });
  afterAll(async () => {
    expect(t.recorder.leaks()).toEqual([]);
    await t.close();
  });

  it('the first start makes an empty team whose first member is its super admin', async () => {
    const view = (await t.call('GET', '/api/view', { token: admin })).json;
    expect(view).toMatchObject({
      team: { id: 'team' },
      me: { id: 'admin', superAdmin: true, permission: 'all-accounts' },
      accounts: [],
    });
  });

  it('R8: the consent URL names the client id and the server callback, with state, and never the secret', async () => {
    const r = await t.call('POST', '/api/consent', {
      token: admin,
      body: { action: 'connect', network: 'facebook', account: 'fb-page' },
    });
    expect(r.json.rejected).toBeNull();
    const url = new URL(r.json.url);
    expect(url.hostname).toBe('www.facebook.com');
    expect(url.searchParams.get('client_id')).toBe('123456789012345');
    expect(url.searchParams.get('redirect_uri')).toBe('https://health.example.com/oauth/callback');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(r.text).not.toContain(SECRET);
    const stored = await t.server.storage.db.selectFrom('oauth_states').selectAll().execute();
    // Only the state's hash is kept, and the PKCE verifier is sealed.
    expect(stored.map((s) => s.hash)).not.toContain(url.searchParams.get('state'));
  });

  it('a network with no registered app is refused with what to set', async () => {
    const r = await t.call('POST', '/api/consent', {
      token: admin,
      body: { action: 'connect', network: 'x' },
    });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({
      code: 'network-not-configured',
      message: expect.stringContaining('X_CLIENT_ID'),
    });
  });

  it('without a registered redirect URL the member is told to register it', async () => {
    const invite = await t.call('POST', '/api/invites', {
      token: admin,
      body: { permission: 'all-accounts' },
    });
    t.recorder.credentials.add(invite.json.code);
    const joined = await t.call('POST', '/api/join', { body: { code: invite.json.code } });
    t.recorder.credentials.add(joined.json.token);
    const r = await t.call('POST', '/api/consent', {
      token: joined.json.token,
      body: { action: 'connect', network: 'facebook' },
    });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('no-redirect-url');
    const put = await t.call('PUT', '/api/me/redirect', {
      token: joined.json.token,
      body: { url: REDIRECT },
    });
    expect(put.status).toBe(200);
    expect(
      (
        await t.call('PUT', '/api/me/redirect', {
          token: joined.json.token,
          body: { url: 'https://evil.example/' },
        })
      ).json.error.field,
    ).toBe('url');
  });
});
