// The email jobs on pg-boss (issue #17; README.md "Jobs"), beside server/jobs.ts's:
// - `email-deliver`: one delivery pass (delivery.ts): right after a step commits a due entry, at the next
//   retry's instant (id = hash(instant): one job per instant across processes), and every minute as a
//   safety net. Claims keep concurrent passes of several processes apart; a pass sends each entry once.
// - `email-digest`: one member's S7 digest (daily / weekly) or monthly report at 08:00 in their zone
//   (runtime/email/schedule.ts), id = hash(team, member, cadence, instant): once across processes. The entry
//   is written with the job's completion in one transaction; its key makes a second write store nothing.
import type { Kysely } from 'kysely';
import { fromKysely, type Job, type PgBoss } from 'pg-boss';
import type { State, User } from '../../core/index.ts';
import { type Cadence, nextSendAt } from '../../runtime/email/schedule.ts';
import { uuidFrom } from '../crypto.ts';
import type { Database } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { Teams, Tx } from '../teams.ts';
import type { Delivery } from './delivery.ts';
import { digestEntry } from './entries.ts';
import { anyDue, type DatabaseOutbox, writeEntries } from './store.ts';

export const MAIL_QUEUE = { deliver: 'email-deliver', digest: 'email-digest' } as const;

interface DigestData {
  team: string;
  member: string;
  cadence: Cadence;
  at: number;
}

/** S7: what a user receives: their digest at its frequency, and the monthly report if they opted in. */
export function cadences(user: User | undefined): Cadence[] {
  if (!user) return [];
  const out: Cadence[] = user.digest.frequency === 'off' ? [] : [user.digest.frequency];
  if (user.digest.monthlyReport) out.push('monthly');
  return out;
}

/** What the email jobs need of the server's teams (built after email, so handed over as this). */
export type TeamReader = Pick<Teams, 'db' | 'now' | 'read'>;

export interface MailJobsOptions {
  teams: TeamReader;
  store: DatabaseOutbox;
  delivery: Delivery;
  log: Logger;
  /** The wall-clock instant at which the product's clock reads `at` (simulation). */
  toWall: (at: number) => number;
  pollingSeconds: number;
  expireSeconds: number;
}

/** A pass claims at most this many; more due than that goes on at once. */
const BATCH = 50;

export class MailJobs {
  private boss: PgBoss | null = null;
  private readonly opts: MailJobsOptions;

  constructor(opts: MailJobsOptions) {
    this.opts = opts;
  }

  private get db(): Kysely<Database> {
    return this.opts.teams.db;
  }

  /** Queues and workers on the server's pg-boss, before the first steps run. */
  async start(boss: PgBoss): Promise<void> {
    for (const name of Object.values(MAIL_QUEUE))
      if (!(await boss.getQueue(name)))
        await boss.createQueue(name, { expireInSeconds: this.opts.expireSeconds, retryLimit: 5 });
    const polling = { pollingIntervalSeconds: this.opts.pollingSeconds };
    await boss.work(MAIL_QUEUE.deliver, { ...polling, localConcurrency: 1 }, () => this.deliver());
    await boss.work<DigestData>(MAIL_QUEUE.digest, { ...polling, localConcurrency: 2 }, ([job]) =>
      this.digest(job!),
    );
    await boss.schedule(MAIL_QUEUE.deliver, '* * * * *');
    this.boss = boss;
  }

  /** The Teams afterStep hook, in the step's transaction: deliver what is due, keep the digests scheduled. */
  readonly afterStep = async (tx: Tx, teamId: string, state: State): Promise<void> => {
    if (!this.boss) return;
    await this.scheduleDigests(tx, teamId, state);
    if (await anyDue(tx, this.opts.teams.now()))
      await this.boss.send(MAIL_QUEUE.deliver, {}, { db: fromKysely(tx) });
  };

  /** The next digest and report of every member with an address, one job per (member, cadence, instant). */
  async scheduleDigests(db: Tx | Kysely<Database>, teamId: string, state: State): Promise<void> {
    if (!this.boss) return;
    const members = await db
      .selectFrom('members')
      .select(['user_id', 'time_zone'])
      .where('team_id', '=', teamId)
      .where('email', 'is not', null)
      .execute();
    const now = this.opts.teams.now();
    const jobs = members.flatMap((m) =>
      cadences(state.users[m.user_id]).map((cadence) => {
        const at = nextSendAt(cadence, m.time_zone, now);
        const wall = this.opts.toWall(at);
        const data: DigestData = { team: teamId, member: m.user_id, cadence, at };
        const id = uuidFrom(`${MAIL_QUEUE.digest}|${teamId}|${m.user_id}|${cadence}|${at}|${wall}`);
        return { id, data, startAfter: new Date(Math.max(wall, Date.now())) };
      }),
    );
    if (jobs.length) await this.boss.insert(MAIL_QUEUE.digest, jobs, { db: fromKysely(db) });
  }

  /** Delivery passes until nothing is due; then a job at the next retry's instant. */
  async deliver(): Promise<void> {
    for (let pass = 0; pass < 20; pass++) {
      const s = await this.opts.delivery.runOnce();
      if (s.sent + s.retry + s.failed + s.skipped + s['lost-claim'] < BATCH) break;
    }
    const next = await this.opts.store.nextAttempt(this.opts.teams.now());
    if (next === null || !this.boss) return;
    const wall = this.opts.toWall(next);
    await this.boss.send(MAIL_QUEUE.deliver, null, {
      id: uuidFrom(`${MAIL_QUEUE.deliver}|${next}|${wall}`),
      startAfter: new Date(Math.max(wall, Date.now())),
    });
  }

  private async digest(job: Job<DigestData>): Promise<void> {
    const { team: teamId, member, cadence, at } = job.data;
    const early = at - this.opts.teams.now();
    if (early > 0 && early <= 60_000) await new Promise((r) => setTimeout(r, early));
    const team = await this.opts.teams.read(teamId);
    const contact = await this.db
      .selectFrom('members')
      .select(['email', 'time_zone'])
      .where('team_id', '=', teamId)
      .where('user_id', '=', member)
      .executeTakeFirst();
    const user = team.state.users[member];
    // Still its time: the member's zone, address or S7 choice may have changed since the job was queued.
    const due =
      contact?.email &&
      cadences(user).includes(cadence) &&
      nextSendAt(cadence, contact.time_zone, at - 1) === at;
    const ref = { id: team.id, name: team.name };
    const entry = due ? digestEntry(team.state, member, ref, cadence, contact.time_zone, at) : null;
    await this.db.transaction().execute(async (tx) => {
      if (entry) await writeEntries(tx, [entry], this.opts.teams.now());
      await this.boss!.complete(MAIL_QUEUE.digest, { id: job.id, retryCount: job.retryCount }, null, {
        db: fromKysely(tx),
      });
      if (entry) await this.boss!.send(MAIL_QUEUE.deliver, {}, { db: fromKysely(tx) });
      if (due) await this.scheduleDigests(tx, teamId, team.state);
    });
    this.opts.log.info({ team: teamId, member, cadence, at, queued: entry !== null }, 'email digest due');
  }
}
