// Members and sign-in (issue #15): a super admin invites (permission, super-admin flag, teams) with a
// single-use code that expires after 7 days; joining returns a member token (256 random bits). Only
// SHA-256 hashes of codes and tokens are stored, so a database dump signs nobody in; tokens are revocable
// and listed with their last use.
import type { Kysely } from 'kysely';
import { DAY, type Permission, User } from '../core/index.ts';
import { type Contact, setContact } from './contact.ts';
import { randomSecret, sha256, uuidFrom } from './crypto.ts';
import { type Database, num, numOrNull } from './db/types.ts';
import type { Teams, Tx } from './teams.ts';

export const INVITE_LIFETIME = 7 * DAY;
/** A token's last use is written at most this often (a read per request, not a write). */
const LAST_USE_GRANULARITY = 60_000;

type Db = Kysely<Database> | Tx;

export interface InviteInput {
  teamId: string;
  /** The user this invite signs in: an existing one of the team, or a new one created on join. */
  user?: string;
  name?: string;
  permission: Permission;
  superAdmin: boolean;
  groups: string[];
  createdBy: string | null;
}

export interface Invite {
  id: string;
  code: string;
  user: string;
  expiresAt: number;
}

export async function createInvite(db: Db, input: InviteInput, now: number): Promise<Invite> {
  const code = randomSecret(24);
  const id = uuidFrom(`invite:${code}`);
  const user =
    input.user ??
    `member-${randomSecret(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
  const expiresAt = now + INVITE_LIFETIME;
  await db
    .insertInto('invites')
    .values({
      id,
      team_id: input.teamId,
      hash: sha256(code),
      user_id: user,
      name: input.name ?? null,
      permission: input.permission,
      super_admin: input.superAdmin,
      groups: JSON.stringify(input.groups),
      created_by: input.createdBy,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { id, code, user, expiresAt };
}

export async function listInvites(db: Db, teamId: string) {
  const rows = await db
    .selectFrom('invites')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    user: r.user_id,
    name: r.name,
    permission: r.permission as Permission,
    superAdmin: r.super_admin,
    teams: r.groups,
    createdBy: r.created_by,
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
    usedAt: numOrNull(r.used_at),
  }));
}

export class JoinRefused extends Error {}

export interface Joined {
  token: string;
  tokenId: string;
  teamId: string;
  user: string;
}

/**
 * Redeems an invite: marks it used (one UPDATE ... WHERE used_at IS NULL, so two racing joins cannot
 * both win), adds the user to the team when new, and issues a member token.
 */
export async function join(
  teams: Teams,
  input: { code: string; name?: string; label?: string; redirectUrl?: string } & Contact,
): Promise<Joined> {
  const now = teams.now();
  const hash = sha256(input.code);
  let joined: Joined | null = null;
  // Looked up outside the team step only to learn the team; the claim itself happens inside it.
  const invite = await teams.db.selectFrom('invites').selectAll().where('hash', '=', hash).executeTakeFirst();
  if (!invite) throw new JoinRefused('This invite code is not valid. Ask a super admin for a new invite.');
  if (invite.used_at !== null)
    throw new JoinRefused('This invite code was already used. Ask a super admin for a new invite.');
  if (num(invite.expires_at) <= now)
    throw new JoinRefused(
      'This invite code has expired (invites last 7 days). Ask a super admin for a new one.',
    );
  await teams.step(invite.team_id, async ({ engine, tx }) => {
    const claimed = await tx
      .updateTable('invites')
      .set({ used_at: now })
      .where('id', '=', invite.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed)
      throw new JoinRefused('This invite code was already used. Ask a super admin for a new invite.');
    const users = engine.state.users;
    if (!(invite.user_id in users)) {
      const user = User.parse({
        id: invite.user_id,
        name: input.name ?? invite.name ?? undefined,
        superAdmin: invite.super_admin,
        permission: invite.permission,
        teams: invite.groups,
      });
      // Membership is the server's, not a rule of rules.md: the user joins the State the rules read.
      engine.state = { ...engine.state, users: { ...users, [user.id]: user } };
    }
    await tx
      .insertInto('members')
      .values({
        team_id: invite.team_id,
        user_id: invite.user_id,
        redirect_url: input.redirectUrl ?? null,
        created_at: now,
        email: input.email ?? null,
        ...(input.locale ? { locale: input.locale } : {}),
        time_zone: input.timeZone ?? null,
      })
      .onConflict((oc) =>
        oc.columns(['team_id', 'user_id']).doUpdateSet({ redirect_url: input.redirectUrl ?? null }),
      )
      .execute();
    // A second device joining as the same member sets only what it says.
    await setContact(tx, invite.team_id, invite.user_id, {
      email: input.email,
      locale: input.locale,
      timeZone: input.timeZone,
    });
    const token = await issueToken(tx, invite.team_id, invite.user_id, input.label ?? 'joined', now);
    joined = { ...token, teamId: invite.team_id, user: invite.user_id };
  });
  return joined!;
}

export async function issueToken(db: Db, teamId: string, user: string, label: string, now: number) {
  const token = randomSecret(32);
  const tokenId = uuidFrom(`token:${sha256(token)}`);
  await db
    .insertInto('member_tokens')
    .values({
      id: tokenId,
      team_id: teamId,
      user_id: user,
      hash: sha256(token),
      label,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { token, tokenId };
}

export interface Member {
  teamId: string;
  user: string;
  tokenId: string;
  /** The team's committed version, read in the same query: a poll answered from the view cache (a 304)
   * then costs one database round trip, not two (issue #20). */
  teamVersion?: number;
}

/** The member a bearer token belongs to, or null (unknown or revoked): the caller answers 401. */
export async function authenticate(db: Db, token: string, now: number): Promise<Member | null> {
  const found = await memberByHash(db, sha256(token));
  if (!found) return null;
  await touchToken(db, found.member.tokenId, found.lastUsedAt, now);
  return found.member;
}

/** The live token with this hash: its member (with the team's version) and when it was last used. */
export async function memberByHash(
  db: Db,
  hash: string,
): Promise<{ member: Member; lastUsedAt: number | null } | null> {
  const row = await db
    .selectFrom('member_tokens')
    .innerJoin('teams', 'teams.id', 'member_tokens.team_id')
    .selectAll('member_tokens')
    .select('teams.version as team_version')
    .where('member_tokens.hash', '=', hash)
    .where('member_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    member: { teamId: row.team_id, user: row.user_id, tokenId: row.id, teamVersion: num(row.team_version) },
    lastUsedAt: numOrNull(row.last_used_at),
  };
}

/** Writes a token's last use when the one stored is older than the granularity; returns the one stored. */
export async function touchToken(db: Db, tokenId: string, last: number | null, now: number) {
  if (last !== null && now - last < LAST_USE_GRANULARITY) return last;
  await db.updateTable('member_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
  return now;
}

export async function listTokens(db: Db, teamId: string, user?: string) {
  let q = db.selectFrom('member_tokens').selectAll().where('team_id', '=', teamId);
  if (user) q = q.where('user_id', '=', user);
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    user: r.user_id,
    label: r.label,
    createdAt: num(r.created_at),
    lastUsedAt: numOrNull(r.last_used_at),
    revokedAt: numOrNull(r.revoked_at),
  }));
}

/** Revokes a token of the team; returns false when there is no such (live) token. */
export async function revokeToken(db: Db, teamId: string, tokenId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('member_tokens')
    .set({ revoked_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function memberRedirect(db: Db, teamId: string, user: string): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .select('redirect_url')
    .where('team_id', '=', teamId)
    .where('user_id', '=', user)
    .executeTakeFirst();
  return row?.redirect_url ?? null;
}

export async function setMemberRedirect(db: Db, teamId: string, user: string, url: string): Promise<void> {
  await db
    .updateTable('members')
    .set({ redirect_url: url })
    .where('team_id', '=', teamId)
    .where('user_id', '=', user)
    .execute();
}
