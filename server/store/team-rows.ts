// A team's core State as PostgreSQL rows and back: one row per user, per account and per account's post
// list, plus the team row (settings, blog posts, id counter, clock, version). Writing compares the State
// before and after a step by identity: core's State is immutable and shares what did not change
// (core/table.ts), so only the changed accounts, post lists and users are written.
import type { Kysely, Transaction } from 'kysely';
import {
  type Account,
  type Post,
  type State,
  StateData,
  stateFromData,
  type User,
} from '../../core/index.ts';
import { type Database, num } from '../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface TeamRecord {
  id: string;
  name: string;
  state: State;
  clock: number;
  version: number;
}

/** The team row's json: everything in State that has no table of its own. */
const head = (s: State) => ({ settings: s.settings, blogPosts: s.blogPosts, seq: s.seq });

export async function teamVersion(db: Db, teamId: string): Promise<number | null> {
  const row = await db.selectFrom('teams').select('version').where('id', '=', teamId).executeTakeFirst();
  return row ? num(row.version) : null;
}

export async function loadTeam(db: Db, teamId: string): Promise<TeamRecord | null> {
  const team = await db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
  if (!team) return null;
  const [users, accounts, posts] = await Promise.all([
    db.selectFrom('users').select(['id', 'data']).where('team_id', '=', teamId).orderBy('position').execute(),
    db
      .selectFrom('accounts')
      .select(['id', 'data'])
      .where('team_id', '=', teamId)
      .orderBy('position')
      .execute(),
    db.selectFrom('posts').select(['account_id', 'data']).where('team_id', '=', teamId).execute(),
  ]);
  const postsBy = new Map(posts.map((p) => [p.account_id, p.data as Post[]]));
  const data = StateData.parse({
    ...(team.state as object),
    users: Object.fromEntries(users.map((u) => [u.id, u.data])),
    accounts: Object.fromEntries(accounts.map((a) => [a.id, a.data])),
    posts: Object.fromEntries(accounts.map((a) => [a.id, postsBy.get(a.id) ?? []])),
  });
  return {
    id: team.id,
    name: team.name,
    state: stateFromData(data),
    clock: num(team.clock),
    version: num(team.version),
  };
}

export async function createTeam(
  db: Db,
  team: { id: string; name: string; state: State; clock: number; now: number },
): Promise<void> {
  await db
    .insertInto('teams')
    .values({
      id: team.id,
      name: team.name,
      state: JSON.stringify(head(team.state)),
      clock: team.clock,
      version: 1,
      created_at: team.now,
    })
    .execute();
  await writeRows(db, team.id, null, team.state);
}

/** Writes what changed between `before` and `after`, and moves the team's clock and version on. */
export async function saveTeam(
  db: Db,
  teamId: string,
  before: State,
  after: State,
  clock: number,
  version: number,
): Promise<void> {
  await db
    .updateTable('teams')
    .set({ state: JSON.stringify(head(after)), clock, version })
    .where('id', '=', teamId)
    .execute();
  await writeRows(db, teamId, before, after);
}

const CHUNK = 500;

async function upsertUsers(db: Db, teamId: string, rows: Array<[User, number]>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map(([u, position]) => ({
      team_id: teamId,
      id: u.id,
      position,
      data: JSON.stringify(u),
    }));
    await db
      .insertInto('users')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['team_id', 'id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data') })),
      )
      .execute();
  }
}

async function upsertAccounts(db: Db, teamId: string, rows: Array<[Account, number]>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map(([a, position]) => ({
      team_id: teamId,
      id: a.id,
      position,
      network: a.network,
      status: a.status,
      data: JSON.stringify(a),
    }));
    await db
      .insertInto('accounts')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['team_id', 'id']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
  }
}

async function upsertPosts(
  db: Db,
  teamId: string,
  rows: Array<[string, readonly Post[], number]>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map(([account, posts, position]) => ({
      team_id: teamId,
      account_id: account,
      position,
      data: JSON.stringify(posts),
    }));
    await db
      .insertInto('posts')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['team_id', 'account_id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data') })),
      )
      .execute();
  }
}

/** Only what differs by identity; `before` null writes everything. Nothing in the rules deletes a row. */
async function writeRows(db: Db, teamId: string, before: State | null, after: State): Promise<void> {
  const users: Array<[User, number]> = [];
  Object.values(after.users).forEach((u, i) => {
    if (before?.users[u.id] !== u) users.push([u, i]);
  });
  const accounts: Array<[Account, number]> = [];
  const posts: Array<[string, readonly Post[], number]> = [];
  let i = 0;
  for (const [id, account] of after.accounts) {
    if (before?.accounts.get(id) !== account) accounts.push([account, i]);
    const list = after.posts.get(id) ?? [];
    if (!before || before.posts.get(id) !== after.posts.get(id)) posts.push([id, list, i]);
    i++;
  }
  if (users.length) await upsertUsers(db, teamId, users);
  if (accounts.length) await upsertAccounts(db, teamId, accounts);
  if (posts.length) await upsertPosts(db, teamId, posts);
}
