// The team server's API against the embedded database and a real PostgreSQL (issue #15), in simulation
// mode (mock networks in the process, the demo team): sign-in, S3 visibility, team isolation, actions and
// refusals as data, ETags, notifications, the event log, OAuth state handling, and no secret anywhere.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createState } from '../../core/index.ts';
import { createInvite } from '../../server/members.ts';
import { createTeam } from '../../server/store/team-rows.ts';
import { BACKENDS, joinWith, leaksOf, REDIRECT, startTestServer, type TestServer } from './harness.ts';

describe.each(BACKENDS)('team server API on %s', (backend) => {
  let t: TestServer;
  let admin: string;
  const invite = async (body: Record<string, unknown>) => {
    const r = await t.call('POST', '/api/invites', { token: admin, body });
    expect(r.status).toBe(201);
    return joinWith(t, r.json.code);
  };
  const account = async (token: string, id: string) =>
    (await t.call('GET', `/api/accounts/${id}`, { token })).json;

  beforeAll(async () => {
    t = await startTestServer(backend, 'api');
    admin = await joinWith(t, t.server.firstInvite!.code);
  });

  afterAll(async () => {
    expect(await leaksOf(t)).toEqual([]);
    expect(t.recorder.logs.length).toBeGreaterThan(5);
    await t.close();
  });

  it('health and readiness answer without a token; the OpenAPI document lists the API', async () => {
    expect((await t.call('GET', '/healthz')).json).toEqual({ ok: true });
    // Issue #17: no SMTP configured here: the server is ready and says email is off and why (and said so
    // once at start).
    expect(t.recorder.logs.filter((l) => l.includes('Email is off')).length).toBe(1);
    expect((await t.call('GET', '/readyz')).json).toEqual({
      ready: true,
      details: {
        email: { enabled: false, message: expect.stringMatching(/^Email is off: SMTP_URL is not set/) },
      },
    });
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/view',
        '/api/actions',
        '/api/consent',
        '/api/join',
        '/api/accounts/{id}',
      ]),
    );
    expect(doc.paths['/api/actions'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/MemberAction',
    });
    expect(doc.components.schemas.MemberAction.oneOf.length).toBeGreaterThan(8);
    expect(JSON.stringify(doc)).not.toContain('#/definitions/');
  });

  it('every API call needs a member token; a revoked token gets 401', async () => {
    expect((await t.call('GET', '/api/view')).status).toBe(401);
    expect((await t.call('GET', '/api/view', { token: 'not-a-token' })).status).toBe(401);
    const token = await invite({ permission: 'all-accounts', name: 'Temp' });
    const mine = (await t.call('GET', '/api/tokens', { token })).json.tokens;
    expect(mine).toHaveLength(1);
    expect(mine[0].lastUsedAt).not.toBeNull();
    expect((await t.call('DELETE', `/api/tokens/${mine[0].id}`, { token })).status).toBe(204);
    const after = await t.call('GET', '/api/view', { token });
    expect(after.status).toBe(401);
    expect(after.json.error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/revoked/),
    });
  });

  it('an invite code is single use and joining with a bad one says what to do', async () => {
    const r = await t.call('POST', '/api/invites', { token: admin, body: { permission: 'own-accounts' } });
    await joinWith(t, r.json.code);
    const again = await t.call('POST', '/api/join', { body: { code: r.json.code } });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toMatch(/already used.*Ask a super admin/);
    const bad = await t.call('POST', '/api/join', { body: { code: 'x'.repeat(20) } });
    expect(bad.json.error.code).toBe('invite-refused');
  });

  it('only super admins invite', async () => {
    const token = await invite({ permission: 'all-accounts' });
    const r = await t.call('POST', '/api/invites', { token, body: { permission: 'all-accounts' } });
    expect(r.status).toBe(403);
  });

  it('a body that breaks the schema gets 400 naming the field', async () => {
    const r = await t.call('POST', '/api/actions', {
      token: admin,
      body: { type: 'set-default', account: 'facebook-1', value: 'yes' },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid-body', field: 'value' });
    const unknown = await t.call('POST', '/api/actions', { token: admin, body: { type: 'explode' } });
    expect(unknown.json.error.field).toBe('type');
    // On a connection of its own: the server answers before reading such a body, then closes the socket.
    const huge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ type: 'blog-post', blog: 'x', title: 'x'.repeat(2_000_000), url: 'u' });
      const req = request(`${t.url}/api/actions`, {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('response', (res) => {
        answered = true;
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      // Writing the rest of the body may fail once the server has answered and closed: only the answer counts.
      let answered = false;
      req.on('error', (e) => (answered ? undefined : reject(e)));
      req.end(body);
    });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('body-too-large');
  });

  it("the member's view has the AccountSnapshot with name, handle and avatar, counts and an ETag (304 when unchanged)", async () => {
    const r = await t.call('GET', '/api/view', { token: admin });
    expect(r.status).toBe(200);
    expect(r.json.accounts).toHaveLength(15);
    expect(r.json.accounts[0]).toMatchObject({
      id: 'facebook-1',
      status: 'connected',
      name: expect.any(String),
      posts: expect.any(Object),
    });
    expect(r.json.counts.byStatus).toMatchObject({
      connected: expect.any(Number),
      'reauth-soon': 4,
      lapsed: 2,
    });
    const etag = r.headers.get('etag')!;
    const again = await t.call('GET', '/api/view', { token: admin, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('S3: a draft-only member does not see an account they have no access to (404, like any unknown id)', async () => {
    const token = await invite({ permission: 'draft-only' });
    const view = (await t.call('GET', '/api/view', { token })).json;
    // youtube-2 is private to its connector (the demo team).
    expect(view.accounts.map((a: { id: string }) => a.id)).not.toContain('youtube-2');
    expect(view.accounts.length).toBe(14);
    expect((await t.call('GET', '/api/accounts/youtube-2', { token })).status).toBe(404);
  });

  it("another team's account id gets 404, for reads and for actions", async () => {
    const now = t.server.teams.now();
    const db = t.server.storage.db;
    await createTeam(db, {
      id: 'other',
      name: 'Other',
      state: createState({
        users: [{ id: 'olga', permission: 'all-accounts', superAdmin: true }],
        accounts: [],
      }),
      clock: now,
      now,
    });
    const code = await createInvite(
      db,
      {
        teamId: 'other',
        user: 'olga',
        permission: 'all-accounts',
        superAdmin: true,
        groups: [],
        createdBy: null,
      },
      now,
    );
    const olga = await joinWith(t, code.code);
    expect((await t.call('GET', '/api/view', { token: olga })).json.accounts).toEqual([]);
    expect((await t.call('GET', '/api/accounts/facebook-1', { token: olga })).status).toBe(404);
    const act = await t.call('POST', '/api/actions', {
      token: olga,
      body: { type: 'disconnect', account: 'facebook-1' },
    });
    expect(act.status).toBe(404);
    expect((await account(admin, 'facebook-1')).status).toBe('connected');
  });

  it('R10: a refused action is data (200 with the rule and what to do), and changes nothing', async () => {
    const token = await invite({ permission: 'all-accounts', name: 'Editor' });
    const r = await t.call('POST', '/api/actions', {
      token,
      body: { type: 'disconnect', account: 'facebook-1' },
    });
    expect(r.status).toBe(200);
    expect(r.json.rejected).toMatchObject({ rule: 'R10', message: expect.any(String) });
    expect(r.json.account.status).toBe('connected');
  });

  it('S5: settings change through actions and show in /api/settings', async () => {
    const r = await t.call('POST', '/api/actions', {
      token: admin,
      body: { type: 'set-default', account: 'facebook-1', value: true },
    });
    expect(r.json.rejected).toBeNull();
    expect(r.json.account.default).toBe(true);
    const s = (await t.call('GET', '/api/settings', { token: admin })).json;
    expect(s).toMatchObject({ plan: 'enterprise', defaults: { count: 1, limit: 60 } });
  });

  it('R2/R6: a revoked account found by a check alerts its recipients, read after a cursor; the event log has the step', async () => {
    const before = (await t.call('GET', '/api/notifications', { token: admin })).json.cursor;
    expect(
      (
        await t.call('POST', '/api/sim/faults', {
          token: admin,
          body: { type: 'revoke', account: 'linkedin-1' },
        })
      ).status,
    ).toBe(200);
    const r = await t.call('POST', '/api/actions', {
      token: admin,
      body: { type: 'check', account: 'linkedin-1' },
    });
    expect(r.json.account).toMatchObject({ status: 'disconnected', reason: 'revoked' });
    const notes = (await t.call('GET', `/api/notifications?after=${before}`, { token: admin })).json;
    expect(notes.notifications).toEqual([
      expect.objectContaining({ kind: 'disconnect-alert', account: 'linkedin-1' }),
    ]);
    expect(
      (await t.call('GET', `/api/notifications?after=${notes.cursor}`, { token: admin })).json.notifications,
    ).toEqual([]);
    const log = (await t.call('GET', '/api/events?limit=5', { token: admin })).json.events;
    expect(log[0]).toMatchObject({
      type: 'checked',
      account: 'linkedin-1',
      detail: { results: [{ account: 'linkedin-1', outcome: 'auth-error' }] },
    });
  });

  it('R4: reconnect through the server: consent URL, callback with state, back to the extension; replayed or forged state refused', async () => {
    const consent = await t.call('POST', '/api/consent', {
      token: admin,
      body: { action: 'reconnect', account: 'linkedin-1' },
    });
    expect(consent.json.rejected).toBeNull();
    const page = await fetch(consent.json.url, { redirect: 'manual' });
    const callback = page.headers.get('location')!;
    expect(callback).toContain('/oauth/callback?');
    const done = await t.call('GET', callback.replace(t.url, ''));
    expect(done.status).toBe(302);
    const back = new URL(done.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({
      result: 'ok',
      action: 'reconnect',
      account: 'linkedin-1',
    });
    expect((await account(admin, 'linkedin-1')).status).toBe('connected');

    const replay = await t.call('GET', callback.replace(t.url, ''));
    expect(replay.status).toBe(400);
    expect(replay.json.error.code).toBe('state-used');
    const forged = await t.call('GET', `/oauth/callback?code=abc&state=${'A'.repeat(43)}`);
    expect(forged.json.error).toMatchObject({
      code: 'state-unknown',
      message: expect.stringMatching(/Start the connection again/),
    });
    expect((await t.call('GET', '/oauth/callback?code=abc')).json.error.code).toBe('state-missing');
  });

  it('R7/R8: a refused consent never opens a consent screen; a cancelled one changes nothing and says so', async () => {
    const token = await invite({ permission: 'own-accounts' });
    const refused = await t.call('POST', '/api/consent', {
      token,
      body: { action: 'reconnect', account: 'linkedin-3' },
    });
    expect(refused.json).toMatchObject({ url: null, rejected: { rule: 'R8' } });
    const consent = await t.call('POST', '/api/consent', {
      token: admin,
      body: { action: 'refresh-connection', account: 'facebook-1' },
    });
    const page = await fetch(`${consent.json.url}&deny=1`, { redirect: 'manual' });
    const done = await t.call('GET', page.headers.get('location')!.replace(t.url, ''));
    const back = new URL(done.headers.get('location')!);
    expect(back.searchParams.get('result')).toBe('error');
    expect(back.searchParams.get('reason')).toMatch(/cancelled.*nothing was changed/);
  });

  it('connect a new account through the server (S4: x post visibility chosen at consent)', async () => {
    const consent = await t.call('POST', '/api/consent', {
      token: admin,
      body: { action: 'connect', network: 'x', account: 'x-new', postVisibility: 'all-sources' },
    });
    const page = await fetch(consent.json.url, { redirect: 'manual' });
    const done = await t.call('GET', page.headers.get('location')!.replace(t.url, ''));
    expect(new URL(done.headers.get('location')!).searchParams.get('result')).toBe('ok');
    expect(await account(admin, 'x-new')).toMatchObject({
      status: 'connected',
      postVisibility: 'all-sources',
      sharingLocked: true,
      name: expect.any(String),
    });
  });

  it("simulation faults are scenario.md's network events, happening now; a bad one is refused naming the field", async () => {
    const ok = await t.call('POST', '/api/sim/faults', {
      token: admin,
      body: { type: 'outage', network: 'youtube', until: '2099-01-01T00:00:00Z' },
    });
    expect(ok.status).toBe(200);
    const bad = await t.call('POST', '/api/sim/faults', {
      token: admin,
      body: { type: 'outage', network: 'youtube', until: 'soon' },
    });
    expect(bad.json.error).toMatchObject({ code: 'invalid-body', field: 'until' });
    const unknown = await t.call('POST', '/api/sim/faults', {
      token: admin,
      body: { type: 'revoke', account: 'nope' },
    });
    expect(unknown.status).toBe(404);
    // R11: the outage leaves the account as it was, only its last check says so.
    const r = await t.call('POST', '/api/actions', {
      token: admin,
      body: { type: 'check', account: 'youtube-1' },
    });
    expect(r.json.account).toMatchObject({ status: 'connected', lastCheck: { outcome: 'unavailable' } });
    await t.call('POST', '/api/sim/faults', {
      token: admin,
      body: {
        type: 'outage',
        network: 'youtube',
        until: new Date(t.server.teams.now() + 1000).toISOString(),
      },
    });
  });

  it('CORS answers extension origins only', async () => {
    const ext = await t.call('OPTIONS', '/api/view', {
      headers: {
        origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'access-control-request-method': 'GET',
      },
    });
    expect(ext.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    const web = await t.call('OPTIONS', '/api/view', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
    expect(ext.headers.get('access-control-allow-headers')).toMatch(/Authorization.*If-None-Match/);
    expect(ext.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
    expect(ext.headers.get('access-control-max-age')).toBe('600');
  });

  it('CORS: answers to an extension, errors included, let it read the ETag; a web page gets none; caches key on Origin', async () => {
    const origin = 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const view = await t.call('GET', '/api/view', { token: admin, headers: { origin } });
    expect(view.status).toBe(200);
    expect(view.headers.get('access-control-allow-origin')).toBe(origin);
    expect(view.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(view.headers.get('vary')).toMatch(/Origin/);
    const unchanged = await t.call('GET', '/api/view', {
      token: admin,
      headers: { origin, 'if-none-match': view.headers.get('etag')! },
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('access-control-allow-origin')).toBe(origin);
    const refused = await t.call('GET', '/api/view', { token: 'not-a-token', headers: { origin } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    const web = await t.call('GET', '/api/view', {
      token: admin,
      headers: { origin: 'https://evil.example' },
    });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
    expect(web.headers.get('vary')).toMatch(/Origin/);
  });
});
