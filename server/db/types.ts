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
}

export interface TokenTable {
  team_id: string;
  account_id: string;
  sealed: string;
  updated_at: Int8;
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
  kv: KvTable;
}

export const num = (v: number | string | null | undefined): number => Number(v);
export const numOrNull = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);
