// Members' tokens and teams' versions kept in memory (server/member-cache.ts) and kept true by the
// database's change notices (migration 0007, server/db/notices.ts). First the cache itself, its notices
// driven by hand over a real embedded database: what it keeps, what drops it, and that nothing is kept
// across a read a revocation overtook or while notices may be missed. Then the real thing: two server
// processes on one PostgreSQL, where a token revoked through one is refused by the other and a change
// made through one is seen by the other; and 0007 over a database of 0006, its triggers notifying.

import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createState } from '../../core/index.ts';
import { migrator } from '../../server/db/migrations.ts';
import { openStorage } from '../../server/db/open.ts';
import type { Database } from '../../server/db/types.ts';
import { createLogger } from '../../server/log.ts';
import { MemberCache } from '../../server/member-cache.ts';
import { startServer } from '../../server/server.ts';
import { createTeam } from '../../server/store/team-rows.ts';
import {
  BACKENDS,
  databaseFor,
  joinWith,
  Recorder,
  startTestServer,
  type TestServer,
  testConfig,
  testServer,
  until,
} from './harness.ts';

const MINUTE = 60_000;

describe('member cache (notices driven by hand, embedded database)', () => {
  let t: TestServer;
  let db: Kysely<Database>;
  const tokens: string[] = [];
  beforeAll(async () => {
    t = await startTestServer('pglite', 'member-cache');
    db = t.server.storage.db;
    const admin = await joinWith(t, t.server.firstInvite!.code);
    for (let i = 0; i < 6; i++) {
      const r = await t.call('POST', '/api/invites', { token: admin, body: { permission: 'own-accounts' } });
      tokens.push(await joinWith(t, r.json.code));
    }
  });
  afterAll(() => t.close());

  /** Revokes in the database without telling this cache (the server's own cache hears the notice). */
  const revokeBehindItsBack = (tokenId: string) =>
    db.updateTable('member_tokens').set({ revoked_at: Date.now() }).where('id', '=', tokenId).execute();
  const listening = () => {
    const cache = new MemberCache();
    cache.handlers.gap(true);
    return cache;
  };

  it('S3: a kept token is answered from memory until its notice comes, then refused', async () => {
    const cache = listening();
    const member = (await cache.authenticate(db, tokens[0]!, Date.now()))!;
    expect(member).toMatchObject({ teamId: 'demo' });
    await revokeBehindItsBack(member.tokenId);
    // Still answered: it was not read again (this is what makes a 304 cost no database round trip).
    expect(await cache.authenticate(db, tokens[0]!, Date.now())).toMatchObject({ tokenId: member.tokenId });
    cache.handlers.notice(`token ${member.tokenId}`);
    expect(await cache.authenticate(db, tokens[0]!, Date.now())).toBeNull();
  });

  it('S3: a token read while a revocation was noticed is not kept (the read may predate the commit)', async () => {
    const cache = listening();
    const reading = cache.authenticate(db, tokens[1]!, Date.now());
    cache.handlers.notice('token some-other-token');
    const member = (await reading)!;
    await revokeBehindItsBack(member.tokenId);
    expect(await cache.authenticate(db, tokens[1]!, Date.now())).toBeNull();
  });

  it('S3: while notices may be missed nothing is kept, and what was kept before a gap is dropped', async () => {
    const cache = listening();
    const kept = (await cache.authenticate(db, tokens[2]!, Date.now()))!;
    cache.handlers.gap(false);
    const unkept = (await cache.authenticate(db, tokens[3]!, Date.now()))!;
    await revokeBehindItsBack(unkept.tokenId);
    expect(await cache.authenticate(db, tokens[3]!, Date.now())).toBeNull();
    await revokeBehindItsBack(kept.tokenId);
    cache.handlers.gap(true);
    expect(await cache.authenticate(db, tokens[2]!, Date.now())).toBeNull();
  });

  it("the team's version is the highest heard of; a notice it does not know drops everything", async () => {
    const cache = listening();
    const member = (await cache.authenticate(db, tokens[4]!, Date.now()))!;
    const v = member.teamVersion!;
    cache.handlers.notice(`team ${v + 5} demo`);
    expect((await cache.authenticate(db, tokens[4]!, Date.now()))!.teamVersion).toBe(v + 5);
    cache.handlers.notice(`team ${v + 1} demo`);
    expect((await cache.authenticate(db, tokens[4]!, Date.now()))!.teamVersion).toBe(v + 5);
    await revokeBehindItsBack(member.tokenId);
    cache.handlers.notice('something a newer server sends');
    expect(await cache.authenticate(db, tokens[4]!, Date.now())).toBeNull();
  });

  it("a token's last use is written at most once a minute, from memory as from the database", async () => {
    const cache = listening();
    const lastUse = async (id: string) =>
      Number(
        (
          await db
            .selectFrom('member_tokens')
            .select('last_used_at')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).last_used_at,
      );
    const start = Date.now() + 10 * MINUTE;
    const { tokenId } = (await cache.authenticate(db, tokens[5]!, start))!;
    expect(await lastUse(tokenId)).toBe(start);
    await cache.authenticate(db, tokens[5]!, start + 30_000);
    expect(await lastUse(tokenId)).toBe(start);
    await cache.authenticate(db, tokens[5]!, start + MINUTE + 1);
    expect(await lastUse(tokenId)).toBe(start + MINUTE + 1);
  });
});

describe('two server processes on one PostgreSQL', () => {
  it('S3: a token revoked through one is refused by the other; a change through one is seen by the other', async () => {
    const where = await databaseFor('postgres', 'member_cache_two');
    const config = testConfig(where);
    const recorder = new Recorder();
    const log = createLogger('warn', recorder.stream());
    const a = testServer(await startServer(config, log), recorder);
    const b = testServer(await startServer({ ...config, port: 0 }, log), recorder);
    try {
      const admin = await joinWith(a, a.server.firstInvite!.code);
      const invite = await a.call('POST', '/api/invites', {
        token: admin,
        body: { permission: 'all-accounts' },
      });
      const token = await joinWith(a, invite.json.code);
      // B keeps the token and the view; an unchanged poll is a 304.
      const first = await b.call('GET', '/api/view', { token });
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      expect((await b.call('GET', '/api/view', { token, headers: { 'if-none-match': etag } })).status).toBe(
        304,
      );
      // A change through A: B's next poll is the new view.
      const changed = await a.call('POST', '/api/actions', {
        token: admin,
        body: { type: 'set-default', account: 'x-1', value: true },
      });
      expect(changed.status).toBe(200);
      const after = await until(
        () => b.call('GET', '/api/view', { token, headers: { 'if-none-match': etag } }),
        (r) => r.status === 200,
        5_000,
      );
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
      // Revoked through A: refused by B.
      const [mine] = (await a.call('GET', '/api/tokens', { token })).json.tokens;
      expect((await a.call('DELETE', `/api/tokens/${mine.id}`, { token })).status).toBe(204);
      expect((await a.call('GET', '/api/view', { token })).status).toBe(401);
      const refused = await until(
        () => b.call('GET', '/api/view', { token }),
        (r) => r.status === 401,
        5_000,
      );
      expect(refused.status).toBe(401);
    } finally {
      await b.close();
      await a.close();
      where.cleanup();
    }
  });
});

describe.each(BACKENDS)('0007 change notices over a database of 0006 on %s', (backend) => {
  it('a new team version and a revoked token notify; a last use alone does not', async () => {
    const where = await databaseFor(backend, 'notices_upgrade');
    const storage = await openStorage({
      databaseUrl: where.databaseUrl,
      dataDir: where.data,
      migrate: false,
    });
    try {
      const up = storage.db as Kysely<unknown>;
      expect((await migrator(up).migrateTo('0006-consent-return')).error).toBeUndefined();
      const now = Date.now();
      const state = createState({
        users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
        accounts: [],
      });
      await createTeam(storage.db, { id: 'team', name: 'Team', state, clock: now, now });
      await storage.db
        .insertInto('members')
        .values({ team_id: 'team', user_id: 'ada', redirect_url: null, created_at: now } as never)
        .execute();
      await storage.db
        .insertInto('member_tokens')
        .values({ id: 'tok', team_id: 'team', user_id: 'ada', hash: 'h', label: 'l', created_at: now })
        .execute();
      expect((await migrator(up).migrateToLatest()).error).toBeUndefined();
      const heard: string[] = [];
      await storage.listen({ notice: (p) => heard.push(p), gap: () => {} });
      await storage.db.updateTable('member_tokens').set({ last_used_at: now }).execute();
      await storage.db.updateTable('teams').set({ version: 2 }).where('id', '=', 'team').execute();
      await storage.db.updateTable('member_tokens').set({ revoked_at: now }).execute();
      const all = await until(
        async () => [...heard],
        (h) => h.length >= 2,
        5_000,
      );
      expect(all).toEqual(['team 2 team', 'token tok']);
    } finally {
      await storage.close();
      where.cleanup();
    }
  });
});
