// The storage layer's one entry: Kysely over PGlite (embedded, in the data folder) or over `pg` (a real
// PostgreSQL from DATABASE_URL), so every query has one code path (kysely ships PGliteDialect). pg-boss
// gets the same database: the PGlite instance itself, or the connection string.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { fromPglite } from 'pg-boss';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrations.ts';
import { type Listening, listenEmbedded, listenPostgres, type NoticeHandlers } from './notices.ts';
import type { Database } from './types.ts';

export type Backend = 'pglite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  backend: Backend;
  /** What pg-boss is constructed with on this backend (design.md: fromPglite + backend 'pglite'). */
  boss: { db: ReturnType<typeof fromPglite>; backend: 'pglite' } | { connectionString: string };
  /** The embedded data folder, or null on PostgreSQL. */
  dataDir: string | null;
  /**
   * PostgreSQL only: a small pool of its own for writes that must commit at once, whatever the step around
   * them does (a rotated refresh token, R12). Null on PGlite, whose one connection is the step's.
   */
  autonomous: Kysely<Database> | null;
  /** The database's change notices (db/notices.ts); stopped by `close`. */
  listen(to: NoticeHandlers): Promise<Listening>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Run migrations (default true); the migration tests step through them themselves. */
  migrate?: boolean;
}

export async function openStorage(opts: OpenOptions): Promise<Storage> {
  const storage = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openEmbedded(opts.dataDir);
  try {
    await sql`select 1`.execute(storage.db);
    if (opts.migrate !== false) await migrate(storage.db as Kysely<unknown>);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

function openPostgres(url: string): Storage {
  // int8 (epoch ms, serial ids) stays text in pg; rows read it with Number() (db/types.ts).
  // Each step holds a connection for its whole length (its team's lock lives on it), jobs up to
  // localConcurrency + 2 of them: the pool leaves room for requests beside them.
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const autonomous = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 3 }) }),
  });
  const listening: Listening[] = [];
  return {
    db,
    backend: 'postgres',
    boss: { connectionString: url },
    dataDir: null,
    autonomous,
    listen: async (to) => keep(listening, await listenPostgres(url, to)),
    close: async () => {
      await Promise.all(listening.map((l) => l.close()));
      await Promise.all([db.destroy(), autonomous.destroy()]);
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Storage> {
  const release = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    // 16 MB of shared buffers keeps the process near 300 MB (design.md, measured).
    pglite = new PGlite(join(dataDir, 'pg'), { postgresqlconf: ['shared_buffers=16MB'] });
    await pglite.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  const listening: Listening[] = [];
  return {
    db,
    backend: 'pglite',
    boss: { db: fromPglite(pglite), backend: 'pglite' },
    dataDir,
    autonomous: null,
    listen: async (to) => keep(listening, await listenEmbedded(pglite, to)),
    close: async () => {
      try {
        await Promise.all(listening.map((l) => l.close()));
        await db.destroy();
      } finally {
        release();
      }
    },
  };
}

function keep(all: Listening[], one: Listening): Listening {
  all.push(one);
  return one;
}
