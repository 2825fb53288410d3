// R11 write-ahead on the server (core PUBLISH_LEASE, as in the extension): the post's lease is committed
// before the publish goes to the network, so a process killed during the call leaves the post held for
// its lease instead of due at once, and the redone step does not publish twice. Shown on PostgreSQL, where
// another connection can read the database while the publish is in flight.
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
    const before = (await stored()).length;
    const publishing = t.call('POST', '/api/actions', {
      token,
      body: { type: 'publish', account: 'facebook-1' },
    });
    let during = await stored();
    for (let i = 0; i < 40 && during.length === before; i++) {
      await new Promise((r) => setTimeout(r, 50));
      during = await stored();
    }
    expect(during).toHaveLength(before + 1);
    const leased = during.at(-1)!;
    expect(leased).toMatchObject({ state: 'scheduled', attempts: 0 });
    expect(leased.retryAt! - leased.at!).toBe(10 * 60_000);
    const done = await publishing;
    expect(done.json.rejected).toBeNull();
    expect(done.json.account.posts.published).toBeGreaterThan(0);
    expect((await stored()).find((p) => p.id === leased.id)).toMatchObject({
      state: 'published',
      remoteId: expect.any(String),
    });
  });
});
