// The tables as Kysely sees them. Instants are epoch milliseconds in `bigint` columns (read back with
// Number(): `pg` returns int8 as text, PGlite as a number); jsonb is written as JSON text (one code path:
// `pg` would turn a JS array into a PostgreSQL array).
import type { ColumnType } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;
type Json<T> = ColumnType<T, string, string>;
/** bigserial: generated on insert, int8 on the way out. */
type Serial = ColumnType<number | string, never, never>;

export interface TeamTable {
  id: string;
  name: string;
  /** settings (S1-S8), blogPosts and seq: the parts of core's State that are not rows of their own. */
  state: Json<unknown>;
  /** The instant up to which the rules have run. */
  clock: Int8;
  /** Bumped by every commit: a process's cached State is current while its version matches. */
  version: Int8;
  created_at: Int8;
}

export interface UserTable {
  team_id: string;
  id: string;
  position: number;
  data: Json<unknown>;
}

export interface AccountTable {
  team_id: string;
  id: string;
  position: number;
  network: string;
  status: string;
  data: Json<unknown>;
}

export interface PostTable {
  team_id: string;
  account_id: string;
  position: number;
  data: Json<unknown>;
}

export interface EventTable {
  id: Serial;
  team_id: string;
  at: Int8;
  source: string;
  type: string;
  account: string | null;
  actor: string | null;
  rejected: Json<unknown> | null;
  detail: Json<unknown>;
}

export interface OutboxTable {
  id: Serial;
  team_id: string;
  at: Int8;
  kind: string;
  account: string;
  recipients: Json<string[]>;
  /** team|kind|account|at: a notification is recorded once, whatever retries happen. */
  dedupe: string;
}

export interface MemberTable {
  team_id: string;
  user_id: string;
  redirect_url: string | null;
  created_at: Int8;
  /** Issue #17: where reminders, alerts and digests go (none: nothing is emailed to this member). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** BCP 47; its language picks the email catalogue (en, nb, nl). */
  locale: ColumnType<string, string | undefined, string>;
  /** IANA zone for the dates in emails and the digests' 08:00 (UTC when null). */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MemberTokenTable {
  id: string;
  team_id: string;
  user_id: string;
  hash: string;
  label: string;
  created_at: Int8;
  last_used_at: Int8 | null;
  revoked_at: Int8 | null;
}

export interface InviteTable {
  id: string;
  team_id: string;
  hash: string;
  user_id: string;
  name: string | null;
  permission: string;
  super_admin: boolean;
  groups: Json<string[]>;
  created_by: string | null;
  created_at: Int8;
  expires_at: Int8;
  used_at: Int8 | null;
}

export interface OAuthStateTable {
  hash: string;
  team_id: string;
  user_id: string;
  account_id: string;
  network: string;
  action: string;
  post_visibility: string | null;
  /** The PKCE verifier, sealed like a token. */
  verifier: string;
  created_at: Int8;
  expires_at: Int8;
  used_at: Int8 | null;
  /** 'page': started from an email's reconnect link, so the outcome is a server page (migration 0006). */
  return_to: string | null;
}

export interface TokenTable {
  team_id: string;
  account_id: string;
  sealed: string;
  updated_at: Int8;
  /** The next renewal (runtime/renewal.ts), written with the token; null: none on a schedule. */
  renew_at: Int8 | null;
  /** From this instant on the renewal can no longer work (the token is dead). */
  renew_until: Int8 | null;
  /** Consecutive transient failures of the renewal (R11 backoff). */
  renew_failures: number;
  /** False for rows written before migration 0003: the team's next step plans them. */
  renew_planned: boolean;
}

/** Issue #17: one email to one member (server/mail/outbox.ts OutboxEntry). */
export interface EmailOutboxTable {
  id: string;
  key: string;
  team_id: string;
  member: string;
  kind: string;
  facts: Json<unknown>;
  state: ColumnType<string, string | undefined, string>;
  created_at: Int8;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Int8;
  lease_until: Int8 | null;
  handed_off: ColumnType<boolean, boolean | undefined, boolean>;
  reason: string | null;
  sent_at: Int8 | null;
  response: string | null;
}

export interface KvTable {
  key: string;
  value: Json<unknown>;
}

export interface Database {
  teams: TeamTable;
  users: UserTable;
  accounts: AccountTable;
  posts: PostTable;
  events: EventTable;
  outbox: OutboxTable;
  members: MemberTable;
  member_tokens: MemberTokenTable;
  invites: InviteTable;
  oauth_states: OAuthStateTable;
  tokens: TokenTable;
  email_outbox: EmailOutboxTable;
  kv: KvTable;
}

export const num = (v: number | string | null | undefined): number => Number(v);
export const numOrNull = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);
