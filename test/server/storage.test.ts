// Storage: every migration on both backends (embedded PGlite and a real PostgreSQL), and the embedded lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS, migrationsCurrent, migrator } from '../../server/db/migrations.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { embeddedFolder } from './harness.ts';
import { createDatabase } from './postgres.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sh-data-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const BACKENDS = {
  pglite: async () => openStorage({ databaseUrl: null, dataDir: embeddedFolder(tempDir()), migrate: false }),
  postgres: async () =>
    openStorage({
      databaseUrl: await createDatabase(inject('postgresUrl'), `storage_${Date.now()}`),
      dataDir: '',
      migrate: false,
    }),
};

async function tables(db: Kysely<unknown>): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public' order by 1`.execute(
    db,
  );
  return r.rows.map((row) => row.name);
}

describe.each(Object.keys(BACKENDS) as Array<keyof typeof BACKENDS>)('migrations on %s', (backend) => {
  it('each migration applies in order, and /readyz only counts as current after the last', async () => {
    const storage: Storage = await BACKENDS[backend]();
    const db = storage.db as Kysely<unknown>;
    try {
      expect(await migrationsCurrent(db)).toBe(false);
      const m = migrator(db);
      const names = Object.keys(MIGRATIONS);
      for (const [i, name] of names.entries()) {
        const r = await m.migrateUp();
        expect(r.error).toBeUndefined();
        expect(r.results?.map((x) => [x.migrationName, x.status])).toEqual([[name, 'Success']]);
        expect(await migrationsCurrent(db)).toBe(i === names.length - 1);
      }
      expect(await tables(db)).toEqual(
        expect.arrayContaining([
          'accounts',
          'events',
          'invites',
          'member_tokens',
          'outbox',
          'teams',
          'tokens',
        ]),
      );
      const idx = await sql<{
        indexname: string;
      }>`select indexname from pg_indexes where tablename = 'outbox'`.execute(db);
      expect(idx.rows.map((r) => r.indexname)).toContain('outbox_recipients');
      // Running them again is a no-op.
      expect((await m.migrateToLatest()).results).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});

describe('embedded data folder', () => {
  it('a second open of the same folder is refused with a message that says what to do', async () => {
    const dir = embeddedFolder(tempDir());
    const first = await openStorage({ databaseUrl: null, dataDir: dir });
    try {
      await expect(openStorage({ databaseUrl: null, dataDir: dir })).rejects.toThrow(
        /already has the data folder/,
      );
    } finally {
      await first.close();
    }
    // Released on close: it opens again.
    const again = await openStorage({ databaseUrl: null, dataDir: dir });
    await again.close();
  });
});
