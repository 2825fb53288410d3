// Versioned schema migrations (Kysely's Migrator, migrations kept in code so the server ships as one
// folder). Each one runs on PGlite and on PostgreSQL 15 in test/server/storage.test.ts (and
// those of upgrades.ts with data written before them in test/server/upgrades.test.ts); SQL stays
// within PostgreSQL 15 (Debian's) although PGlite is newer (design.md).
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { changeNotices, consentReturn, emailOutbox, memberContact, tokenRenewals } from './upgrades.ts';

const bigint = 'bigint' as const;

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('state', 'jsonb', (c) => c.notNull())
      .addColumn('clock', bigint, (c) => c.notNull())
      .addColumn('version', bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('users_pk', ['team_id', 'id'])
      .execute();
    await db.schema
      .createTable('accounts')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('accounts_pk', ['team_id', 'id'])
      .execute();
    // One row per account holding its post list: core keeps posts per account and replaces the list whole.
    await db.schema
      .createTable('posts')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('posts_pk', ['team_id', 'account_id'])
      .addForeignKeyConstraint(
        'posts_account_fk',
        ['team_id', 'account_id'],
        'accounts',
        ['team_id', 'id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('at', bigint, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('account', 'text')
      .addColumn('actor', 'text')
      .addColumn('rejected', 'jsonb')
      .addColumn('detail', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_team').on('events').columns(['team_id', 'id']).execute();
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('at', bigint, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('recipients', 'jsonb', (c) => c.notNull())
      .addColumn('dedupe', 'text', (c) => c.notNull().unique())
      .execute();
    await db.schema.createIndex('outbox_team').on('outbox').columns(['team_id', 'id']).execute();
    await db.schema
      .createTable('members')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('redirect_url', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('members_pk', ['team_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('member_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('last_used_at', bigint)
      .addColumn('revoked_at', bigint)
      .addForeignKeyConstraint(
        'member_tokens_member_fk',
        ['team_id', 'user_id'],
        'members',
        ['team_id', 'user_id'],
        (f) => f.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createTable('invites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('permission', 'text', (c) => c.notNull())
      .addColumn('super_admin', 'boolean', (c) => c.notNull())
      .addColumn('groups', 'jsonb', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .addColumn('used_at', bigint)
      .execute();
    await db.schema
      .createTable('oauth_states')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('post_visibility', 'text')
      .addColumn('verifier', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .addColumn('used_at', bigint)
      .execute();
    await db.schema
      .createTable('tokens')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('tokens_pk', ['team_id', 'account_id'])
      .execute();
    await db.schema
      .createTable('kv')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'jsonb', (c) => c.notNull())
      .execute();
  },
};

/** Cursor reads of a member's notifications filter on recipients: a GIN index keeps that cheap. */
const outboxRecipients: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index outbox_recipients on outbox using gin (recipients jsonb_path_ops)`.execute(db);
  },
};

/** In order; never edit a released one, add the next. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-outbox-recipients': outboxRecipients,
  '0003-token-renewals': tokenRenewals,
  '0004-member-contact': memberContact,
  '0005-email-outbox': emailOutbox,
  '0006-consent-return': consentReturn,
  '0007-change-notices': changeNotices,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** /readyz: every migration in MIGRATIONS applied. */
export async function migrationsCurrent(db: Kysely<unknown>): Promise<boolean> {
  const list = await migrator(db).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
