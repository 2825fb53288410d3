// The migrations after the first release (server/db/upgrades.ts) on data written before them, on the embedded
// database and on PostgreSQL: a server of the previous schema leaves a team, its sealed tokens and a member;
// the next start migrates (0003 token renewals, 0004 member contact, 0005 email outbox, 0006 consent return) and plans every
// stored token's renewal from the token itself. One renewal fell due while the server was down and runs on
// start, since its token still lives; another's token died meanwhile, so nothing renews it (the next check
// decides). Real mode (no --simulate), its requests answered by the mock networks through `fetch`.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createState, DAY } from '../../core/index.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createMockFetch } from '../../mocks/fetch.ts';
import { createWorld, internals, type MockWorld } from '../../mocks/world.ts';
import { Sealer } from '../../server/crypto.ts';
import { migrator } from '../../server/db/migrations.ts';
import { openStorage } from '../../server/db/open.ts';
import { createLogger } from '../../server/log.ts';
import { startServer } from '../../server/server.ts';
import { createTeam } from '../../server/store/team-rows.ts';
import { BACKENDS, databaseFor, Recorder, testConfig } from './harness.ts';

const KEY = Buffer.alloc(32, 5).toString('base64');
const realFetch = globalThis.fetch;

describe.each(BACKENDS)('upgrading a database of the first release on %s', (backend) => {
  let world: MockWorld;
  beforeEach(() => {
    world = createWorld({ now: Date.now, seed: 11 });
    vi.stubGlobal('fetch', createMockFetch(world, { onUnhandled: realFetch }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R12: 0003-0006 apply over existing rows; stored tokens get their renewal planned on start, and one missed while down runs then', async () => {
    const where = await databaseFor(backend, 'upgrade');
    const now = Date.now();
    const accounts = [
      // Granted 54 days ago: renewal due yesterday (a week before its 60 days), the token lives 6 more days.
      { id: 'ig-due', network: 'instagram' as const, grantedAt: now - 54 * DAY },
      // Granted 61 days ago: dead since yesterday, beyond any renewal.
      { id: 'ig-dead', network: 'instagram' as const, grantedAt: now - 61 * DAY },
      // LinkedIn, fresh: renewal a day before its 60 days.
      { id: 'li-later', network: 'linkedin' as const, grantedAt: now },
    ];
    const old = await openStorage({ databaseUrl: where.databaseUrl, dataDir: where.data, migrate: false });
    const sealer = new Sealer(Buffer.from(KEY, 'base64'));
    const recorder = new Recorder();
    recorder.secrets.add(KEY);
    try {
      const r = await migrator(old.db as Kysely<unknown>).migrateTo('0002-outbox-recipients');
      expect(r.error).toBeUndefined();
      const state = createState({
        users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
        accounts: accounts.map((a) => ({ ...a, connectedBy: 'ada', connectedAt: a.grantedAt })),
      });
      await createTeam(old.db, { id: 'team', name: 'Team', state, clock: now, now });
      for (const a of accounts) {
        world.addAccount({ id: a.id, network: a.network });
        const tokens = world.grant(a.id, { at: a.grantedAt });
        recorder.addTokens(tokens);
        const sealed = sealer.seal(JSON.stringify(tokens), `token|team|${a.id}`);
        await sql`insert into tokens (team_id, account_id, sealed, updated_at) values ('team', ${a.id}, ${sealed}, ${now})`.execute(
          old.db,
        );
      }
      await sql`insert into members (team_id, user_id, redirect_url, created_at) values ('team', 'ada', null, ${now})`.execute(
        old.db,
      );
    } finally {
      await old.close();
    }

    const config = testConfig(where, {
      simulate: false,
      tokenKey: KEY,
      clients: MOCK_CLIENTS,
    });
    const server = await startServer(config, createLogger('debug', recorder.stream()));
    try {
      const db = server.storage.db;
      const tokens = await db.selectFrom('tokens').selectAll().orderBy('account_id').execute();
      const row = (id: string) => tokens.find((t) => t.account_id === id)!;
      expect(tokens.every((t) => t.renew_planned)).toBe(true);
      // Missed while down, run on start: the renewed token's next renewal is 53 days ahead.
      expect(Number(row('ig-due').renew_at) - now).toBeGreaterThan(52 * DAY);
      expect(Number(row('ig-dead').renew_at ?? 0)).toBe(0);
      expect(Number(row('li-later').renew_at) - now).toBeGreaterThan(58 * DAY);
      const renewals = await db
        .selectFrom('events')
        .select(['account', 'source'])
        .where('type', '=', 'renew')
        .execute();
      expect(renewals).toEqual([{ account: 'ig-due', source: 'rule' }]);
      // Nothing asked the network about the dead token, and the renewal decided nothing about the account.
      expect(world.calls({ accountId: 'ig-dead' }).length).toBe(0);
      const dead = await db
        .selectFrom('accounts')
        .select('status')
        .where('id', '=', 'ig-dead')
        .executeTakeFirst();
      expect(dead?.status).toBe('connected');

      // 0004: the member's contact is empty, in English; 0005: the email outbox is there and empty.
      const member = await db
        .selectFrom('members')
        .select(['email', 'locale', 'time_zone'])
        .executeTakeFirstOrThrow();
      expect(member).toEqual({ email: null, locale: 'en', time_zone: null });
      expect(await db.selectFrom('email_outbox').selectAll().execute()).toEqual([]);
      // 0006: consents are started from the extension unless they come from an email's link.
      expect(await db.selectFrom('oauth_states').select('return_to').execute()).toEqual([]);

      for (const k of internals(world).tokens.keys()) recorder.secrets.add(k);
      const events = await db.selectFrom('events').select(['detail', 'rejected']).execute();
      expect(recorder.leaks(events.map((e) => JSON.stringify(e)))).toEqual([]);
    } finally {
      await server.close();
      where.cleanup();
    }
  }, 60_000);
});
