// The server's email outbox (server/mail/store.ts) holds to the contract every OutboxStore keeps
// (test/email/outbox-contract.ts), on the embedded database and on a real PostgreSQL, where two claims race
// on two connections.
import { afterAll } from 'vitest';
import { createState } from '../../core/index.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { DatabaseOutbox } from '../../server/mail/store.ts';
import { createTeam } from '../../server/store/team-rows.ts';
import { TEAM } from '../email/fixtures.ts';
import { outboxContract } from '../email/outbox-contract.ts';
import { BACKENDS, databaseFor } from './harness.ts';

for (const backend of BACKENDS) {
  let opened: Promise<{ storage: Storage; cleanup(): void }> | null = null;
  const storage = async () => {
    opened ??= (async () => {
      const where = await databaseFor(backend, 'outbox');
      const s = await openStorage({ databaseUrl: where.databaseUrl, dataDir: where.data });
      const state = createState({ users: [], accounts: [] });
      await createTeam(s.db, { id: TEAM.id, name: TEAM.name, state, clock: 0, now: 0 });
      return { storage: s, cleanup: where.cleanup };
    })();
    return (await opened).storage;
  };
  afterAll(async () => {
    if (!opened) return;
    const { storage: s, cleanup } = await opened;
    await s.close();
    cleanup();
  });

  outboxContract(`the server's database outbox on ${backend}`, async () => {
    const { db } = await storage();
    // Each test starts from an empty outbox and a team without members.
    await db.deleteFrom('email_outbox').execute();
    await db.deleteFrom('members').execute();
    await db.deleteFrom('users').execute();
    const store = new DatabaseOutbox(db);
    return {
      store,
      add: (entries, now) => store.add(entries, now),
      get: (id) => store.get(id),
      async setMember(m) {
        const data = {
          id: m.id,
          name: m.name,
          superAdmin: false,
          permission: 'all-accounts',
          teams: [],
          digest: { frequency: m.subscribed.digest ? 'daily' : 'off', monthlyReport: m.subscribed.report },
        };
        await db
          .insertInto('users')
          .values({ team_id: TEAM.id, id: m.id, position: 0, data: JSON.stringify(data) })
          .execute();
        await db
          .insertInto('members')
          .values({
            team_id: TEAM.id,
            user_id: m.id,
            redirect_url: null,
            created_at: 0,
            email: m.email,
            locale: m.locale,
            time_zone: m.timeZone,
          })
          .execute();
      },
    };
  });
}
