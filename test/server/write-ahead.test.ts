// R11 write-ahead on the server (core PUBLISH_LEASE, as in the extension): the post's lease is committed
// before the publish goes to the network, so a process killed during the call leaves the post held for
// its lease instead of due at once, and the redone step does not publish twice. Shown on PostgreSQL, where
// another connection can read the database while the publish is in flight. And a rotated refresh token
// outlives a step that fails after the renewal (R12).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../core/index.ts';
import { joinWith, leaksOf, startTestServer, type TestServer } from './harness.ts';

describe('write-ahead of a publish', () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    // Every mock-network request takes 1.5 s: long enough to look at the database during one.
    t = await startTestServer('postgres', 'writeahead', { simLatencyMs: 1500 });
    token = await joinWith(t, t.server.firstInvite!.code);
  });
  afterAll(async () => {
    expect(await leaksOf(t)).toEqual([]);
    await t.close();
  });

  const stored = async () => {
    const row = await t.server.storage.db
      .selectFrom('posts')
      .select('data')
      .where('team_id', '=', 'demo')
      .where('account_id', '=', 'facebook-1')
      .executeTakeFirstOrThrow();
    return row.data as Post[];
  };

  it('R11: the lease is in the database while the publish call is still in flight, then the post is published', async () => {
    const post = (await stored()).find((p) => p.state === 'scheduled')!;
    const publishing = t.call('POST', '/api/actions', {
      token,
      body: { type: 'publish', account: 'facebook-1', post: post.id },
    });
    const find = async () => (await stored()).find((p) => p.id === post.id)!;
    let during = await find();
    for (let i = 0; i < 40 && during.retryAt === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      during = await find();
    }
    // Committed while the network has not answered yet: still scheduled, held for the 10-minute lease.
    expect(during).toMatchObject({ state: 'scheduled', attempts: 0 });
    expect(during.retryAt).toBeGreaterThan(t.server.teams.now());
    const done = await publishing;
    expect(done.json.rejected).toBeNull();
    expect(await find()).toMatchObject({ state: 'published', remoteId: expect.any(String) });
  });

  it('R12: a refresh token X rotated during a step that then fails is kept (it commits at once on PostgreSQL)', async () => {
    // Past X's 2-hour access token: the next check renews it first, and X rotates the refresh token.
    await t.server.sim!.advance(3 * 3_600_000);
    await expect(
      t.server.teams.step('demo', async ({ engine, now }) => {
        await engine.check('x-1', now, 'user');
        throw new Error('the step fails after the renewal');
      }),
    ).rejects.toThrow(/fails after the renewal/);
    // With the old (now rotated away) refresh token this check would be refused and disconnect x-1.
    const r = await t.call('POST', '/api/actions', { token, body: { type: 'check', account: 'x-1' } });
    expect(r.json.account).toMatchObject({
      status: expect.stringMatching(/connected|reauth-soon/),
      lastCheck: { outcome: 'ok' },
    });
  });
});
