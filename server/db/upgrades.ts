// The schema changes after the first release (issues #15 and #17), each a migration of its own with its
// upgrade test on both backends (test/server/upgrades.test.ts). SQL stays within PostgreSQL 15.
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Token renewals around the clock (runtime/renewal.ts): each token row carries its next renewal instant,
 * written with the token, so the job finder is a query and never a scan of decrypted tokens. Rows written
 * before this migration are `renew_planned = false` until the team's next step plans them (on start).
 */
export const tokenRenewals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('tokens')
      .addColumn('renew_at', 'bigint')
      .addColumn('renew_until', 'bigint')
      .addColumn('renew_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('renew_planned', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
    await sql`create index tokens_renew on tokens (team_id, renew_at) where renew_at is not null`.execute(db);
    await sql`create index tokens_unplanned on tokens (team_id) where not renew_planned`.execute(db);
  },
};

/** Issue #17: a member's optional email address, language (BCP 47) and IANA time zone. */
export const memberContact: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('members')
      .addColumn('email', 'text')
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
      .addColumn('time_zone', 'text')
      .execute();
  },
};

/**
 * Issue #17: the email outbox (server/mail/README.md), one row per email, written beside the notification
 * outbox in the step's transaction; `id` becomes the Message-ID, so it is a UUID made by the server.
 */
export const emailOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('email_outbox')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('member', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('facts', 'jsonb', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('handed_off', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('reason', 'text')
      .addColumn('sent_at', 'bigint')
      .addColumn('response', 'text')
      .execute();
    await sql`create index email_outbox_due on email_outbox (next_attempt_at) where state in ('pending', 'sending')`.execute(
      db,
    );
  },
};

/**
 * Issue #17: a consent started from an email's reconnect link ends on the server's own page (the extension's
 * redirect URL only works inside the browser that has the extension); null: back to the extension.
 */
export const consentReturn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('oauth_states').addColumn('return_to', 'text').execute();
  },
};

/**
 * Issue #20: the database tells every server process what changed, so each may keep members' tokens and
 * teams' versions in memory instead of reading them on every request (server/member-cache.ts). Triggers
 * rather than calls in the code, so no writer can forget: a team's new version, and a member token revoked,
 * re-pointed or deleted (last_used_at alone says nothing). PostgreSQL delivers a NOTIFY at commit, never
 * for a rolled-back transaction (https://www.postgresql.org/docs/15/sql-notify.html).
 */
export const changeNotices: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create function notify_team_version() returns trigger language plpgsql as $$
      begin
        perform pg_notify('social_health_changes', 'team ' || new.version || ' ' || new.id);
        return null;
      end $$`.execute(db);
    await sql`create trigger teams_version_notice after update of version on teams for each row
      when (old.version is distinct from new.version) execute function notify_team_version()`.execute(db);
    await sql`create function notify_member_token() returns trigger language plpgsql as $$
      begin
        perform pg_notify('social_health_changes', 'token ' || old.id);
        return null;
      end $$`.execute(db);
    await sql`create trigger member_tokens_notice
      after update of revoked_at, hash, team_id, user_id or delete on member_tokens
      for each row execute function notify_member_token()`.execute(db);
  },
};
