// The email outbox in the server's database (PGlite and PostgreSQL alike): the OutboxStore of outbox.ts over
// the `email_outbox` table of migration 0005. Entries are written in the engine step's transaction, beside
// the notification outbox (`writeEntries`); the delivery claims them with one UPDATE … FOR UPDATE SKIP
// LOCKED, so any number of processes can deliver at once without sending one entry twice (README.md).
// test/server/outbox.test.ts holds it to test/email/outbox-contract.ts on both backends.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { EmailFacts, EmailKind } from '../../runtime/email/index.ts';
import { type Database, num, numOrNull } from '../db/types.ts';
import { subscriptions } from './entries.ts';
import type {
  ClaimedEntry,
  Completion,
  MemberContact,
  NewOutboxEntry,
  OutboxEntry,
  OutboxState,
  OutboxStore,
} from './outbox.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Database['email_outbox'] extends infer T ? { [K in keyof T]: unknown } : never;

export function toEntry(r: Row): OutboxEntry {
  return {
    id: String(r.id),
    key: String(r.key),
    team: String(r.team_id),
    member: String(r.member),
    kind: r.kind as EmailKind,
    facts: (typeof r.facts === 'string' ? JSON.parse(r.facts) : r.facts) as EmailFacts,
    state: r.state as OutboxState,
    createdAt: num(r.created_at as number),
    attempts: Number(r.attempts),
    nextAttemptAt: num(r.next_attempt_at as number),
    leaseUntil: numOrNull(r.lease_until as number | null),
    handedOff: Boolean(r.handed_off),
    reason: (r.reason as string | null) ?? null,
    sentAt: numOrNull(r.sent_at as number | null),
    response: (r.response as string | null) ?? null,
  };
}

/** Inside the step's transaction: a key already stored (the same cause written twice) stores nothing. */
export async function writeEntries(db: Db, entries: readonly NewOutboxEntry[], now: number) {
  if (entries.length === 0) return [];
  const rows = await db
    .insertInto('email_outbox')
    .values(
      entries.map((e) => ({
        // Globally unique, since it becomes the Message-ID: two servers sending from one domain never clash.
        id: randomUUID(),
        key: e.key,
        team_id: e.team,
        member: e.member,
        kind: e.kind,
        facts: JSON.stringify(e.facts),
        created_at: now,
        next_attempt_at: now,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .execute();
  return rows.map((r) => toEntry(r as Row));
}

/** The members of the claimed entries as they are now (S7 from the team's State rows, contact from members). */
async function contacts(db: Db, wanted: ReadonlyArray<{ team: string; member: string }>) {
  const out = new Map<string, MemberContact>();
  for (const team of new Set(wanted.map((w) => w.team))) {
    const ids = [...new Set(wanted.filter((w) => w.team === team).map((w) => w.member))];
    const rows = await db
      .selectFrom('users as u')
      .leftJoin('members as m', (j) => j.onRef('m.team_id', '=', 'u.team_id').onRef('m.user_id', '=', 'u.id'))
      .select(['u.id', 'u.data', 'm.email', 'm.locale', 'm.time_zone'])
      .where('u.team_id', '=', team)
      .where('u.id', 'in', ids)
      .execute();
    for (const r of rows) {
      const user = r.data as { name?: string; digest?: { frequency: string; monthlyReport: boolean } };
      out.set(`${team}|${r.id}`, {
        id: r.id,
        name: user.name ?? r.id,
        email: r.email ?? null,
        locale: r.locale ?? 'en',
        timeZone: r.time_zone ?? null,
        subscribed: subscriptions(user as Parameters<typeof subscriptions>[0]),
      });
    }
  }
  return out;
}

const byDue = (a: OutboxEntry, b: OutboxEntry) =>
  a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt;

export class DatabaseOutbox implements OutboxStore {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  add(entries: readonly NewOutboxEntry[], now: number): Promise<OutboxEntry[]> {
    return writeEntries(this.db, entries, now);
  }

  async get(id: string): Promise<OutboxEntry | undefined> {
    const row = await this.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEntry(row as Row);
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedEntry[]> {
    const claimed = await sql<Row & { in_doubt: boolean }>`
      with due as (
        select id, (state = 'sending' and handed_off) as in_doubt from email_outbox
        where (state = 'pending' and next_attempt_at <= ${now}) or (state = 'sending' and lease_until <= ${now})
        order by next_attempt_at, created_at limit ${limit} for update skip locked
      )
      update email_outbox o set state = 'sending', attempts = o.attempts + 1,
        lease_until = ${now + leaseMs}, handed_off = false
      from due where o.id = due.id
      returning o.*, due.in_doubt`.execute(this.db);
    const entries = claimed.rows.map((r) => ({ entry: toEntry(r), inDoubt: Boolean(r.in_doubt) }));
    // RETURNING keeps no order: oldest first, as claimed.
    entries.sort((a, b) => byDue(a.entry, b.entry));
    const people = await contacts(
      this.db,
      entries.map((e) => e.entry),
    );
    return entries.map((e) => ({ ...e, member: people.get(`${e.entry.team}|${e.entry.member}`) ?? null }));
  }

  private held(id: string, attempt: number) {
    return this.db
      .updateTable('email_outbox')
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .where('attempts', '=', attempt);
  }

  async handOff(id: string, attempt: number, now: number): Promise<boolean> {
    const r = await this.held(id, attempt)
      .where('lease_until', '>', now)
      .set({ handed_off: true })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async complete(id: string, attempt: number, c: Completion): Promise<boolean> {
    const base = { state: c.state, lease_until: null, handed_off: false };
    const set =
      c.state === 'sent'
        ? { ...base, sent_at: c.at, response: c.response, reason: null }
        : c.state === 'pending'
          ? { ...base, next_attempt_at: c.nextAttemptAt, reason: c.reason }
          : { ...base, reason: c.reason };
    const r = await this.held(id, attempt).set(set).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The earliest instant a pending entry waits for (a retry), for the delivery job's next run. */
  async nextAttempt(after: number): Promise<number | null> {
    const row = await this.db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('state', '=', 'pending')
      .where('next_attempt_at', '>', after)
      .executeTakeFirst();
    return row?.at == null ? null : num(row.at as number);
  }
}

/** Whether an entry is due now (the step's hook starts a delivery only then). */
export async function anyDue(db: Db, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('email_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('state', '=', 'sending'), eb('lease_until', '<=', now)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
