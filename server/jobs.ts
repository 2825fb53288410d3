// Durable jobs on pg-boss, on both backends (design.md: fromPglite + backend 'pglite' embedded, a
// connection string on PostgreSQL). Three queues:
// - `account-check`: the daily health check of a batch of one team's connected accounts (runtime/sweep.ts:
//   SWEEP_BATCH accounts in account order, one `checked` event, as in every shell; an account checked in
//   the last 12 hours is skipped), id = hash(team, UTC day, accounts) so N processes enqueue it once; each
//   check holds one of its network's advisory-lock slots while it runs (limits.ts), so runtime's
//   CHECK_CONCURRENCY holds across processes, and the team's lock keeps its batches in turn;
// - `team-rules`: a team's next rule instant (R1, R5, R6, due posts, S1), id = hash(team, instant);
// - `token-renewal`: a team's next token renewal (server/renewals.ts), id = hash(team, account, instant),
//   found by a query on the instants stored beside the tokens;
// - `daily-sweep`: an hourly cron that enqueues the checks (and runs once at start, so a day missed while
//   the server was down is caught up).
// A job's completion commits in the step's own transaction: a process killed mid-job leaves no half step,
// and a committed step never runs again.
import { type Kysely, sql } from 'kysely';
import { fromKysely, type Job, PgBoss } from 'pg-boss';
import { DAY, HOUR, nextTransition, type State } from '../core/index.ts';
import { CHECK_CONCURRENCY } from '../runtime/engine.ts';
import { SWEEP_BATCH } from '../runtime/sweep.ts';
import type { Config } from './config.ts';
import { uuidFrom } from './crypto.ts';
import type { Storage } from './db/open.ts';
import type { Database } from './db/types.ts';
import type { Logger } from './log.ts';
import type { MailJobs } from './mail/jobs.ts';
import { nextRenewal } from './store/tokens.ts';
import type { Teams, Tx } from './teams.ts';

export const QUEUE = {
  check: 'account-check',
  rules: 'team-rules',
  renewal: 'token-renewal',
  sweep: 'daily-sweep',
} as const;
/** A daily check is skipped when the account was checked this recently (issue #15). */
export const RECHECK_AFTER = 12 * HOUR;
/** A rule job that fires a little early (clock skew) waits for its instant, at most this long. */
const EARLY_WAIT_MAX = 60_000;

interface CheckData {
  team: string;
  /** The batch, in account order. */
  accounts?: string[];
  /** One account: jobs enqueued before the sweep was made of batches. */
  account?: string;
}
interface RulesData {
  team: string;
  at: number;
  /** token-renewal: the account whose renewal is due at `at`. */
  account?: string;
}

export interface JobsOptions {
  storage: Storage;
  teams: Teams;
  config: Config['jobs'];
  log: Logger;
  /** The wall-clock instant at which the product's clock reads `at` (the simulation's clock is offset). */
  toWall: (at: number) => number;
  /** The email jobs (issue #17), when SMTP is configured: started with these, scheduled after each step. */
  mail?: MailJobs | null;
}

export class Jobs {
  readonly boss: PgBoss;
  private readonly opts: JobsOptions;
  private started = false;

  constructor(opts: JobsOptions) {
    this.opts = opts;
    this.boss = new PgBoss({
      ...opts.storage.boss,
      superviseIntervalSeconds: opts.config.superviseSeconds,
      monitorIntervalSeconds: opts.config.superviseSeconds,
      maintenanceIntervalSeconds: Math.max(opts.config.superviseSeconds, 60),
      cronMonitorIntervalSeconds: Math.min(Math.max(opts.config.superviseSeconds, 10), 45),
    });
    this.boss.on('error', (error) => opts.log.error({ err: error }, 'job queue error'));
  }

  private get db(): Kysely<Database> {
    return this.opts.storage.db;
  }

  async start(): Promise<void> {
    await this.boss.start();
    const expireInSeconds = this.opts.config.expireSeconds;
    for (const name of Object.values(QUEUE)) {
      if (!(await this.boss.getQueue(name)))
        await this.boss.createQueue(name, { expireInSeconds, retryLimit: 5 });
    }
    const polling = { pollingIntervalSeconds: this.opts.config.pollingSeconds };
    await this.boss.work<CheckData>(
      QUEUE.check,
      {
        ...polling,
        localConcurrency: this.opts.config.localConcurrency,
        groupConcurrency: { default: 1, tiers: { ...CHECK_CONCURRENCY } },
      },
      ([job]) => this.runCheck(job!),
    );
    for (const queue of [QUEUE.rules, QUEUE.renewal])
      await this.boss.work<RulesData>(queue, { ...polling, localConcurrency: 2 }, ([job]) =>
        this.runAt(queue, job!),
      );
    await this.boss.work(QUEUE.sweep, polling, () => this.sweep());
    await this.boss.schedule(QUEUE.sweep, '0 * * * *');
    await this.opts.mail?.start(this.boss);
    this.started = true;
    // Rules due while the server was down fire now, each at its own instant (the Engine does the order).
    for (const team of await this.teamIds()) await this.opts.teams.step(team, async () => {});
    if (this.opts.config.sweepOnStart) await this.sweep();
  }

  /** Graceful: in-flight jobs finish (their steps commit) or, past the timeout, are released by expiry. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, close: true, timeout: 20_000 });
  }

  private async teamIds(): Promise<string[]> {
    return (await this.db.selectFrom('teams').select('id').orderBy('id').execute()).map((t) => t.id);
  }

  /**
   * Enqueues today's checks of every connected account, in batches per team; ids make a second sweep (or
   * process) a no-op. Each team's batches are spread evenly over the queue (pg-boss takes jobs in the order
   * they were inserted), so the batches running at once belong to different teams rather than waiting for
   * one team's lock, and a large team's many batches are not left for the end.
   */
  async sweep(): Promise<number> {
    const now = this.opts.teams.now();
    const day = Math.floor(now / DAY);
    const rows = await this.db
      .selectFrom('accounts')
      .select(['team_id', 'id'])
      .where('status', '=', 'connected')
      .orderBy('team_id')
      .orderBy('position')
      .execute();
    const byTeam = new Map<string, string[]>();
    for (const r of rows) byTeam.set(r.team_id, [...(byTeam.get(r.team_id) ?? []), r.id]);
    const batches: Array<{ key: number; team: string; accounts: string[] }> = [];
    for (const [team, ids] of byTeam) {
      const count = Math.ceil(ids.length / SWEEP_BATCH);
      for (let k = 0; k < count; k++) {
        const accounts = ids.slice(k * SWEEP_BATCH, (k + 1) * SWEEP_BATCH);
        batches.push({ key: (k + 0.5) / count, team, accounts });
      }
    }
    batches.sort((a, b) => a.key - b.key || (a.team < b.team ? -1 : 1));
    const jobs = batches.map((b) => ({
      id: uuidFrom(`check|${b.team}|${day}|${b.accounts.join(',')}`),
      data: { team: b.team, accounts: b.accounts } satisfies CheckData,
    }));
    for (let i = 0; i < jobs.length; i += 500) await this.boss.insert(QUEUE.check, jobs.slice(i, i + 500));
    this.opts.log.info({ accounts: rows.length, batches: jobs.length }, 'daily checks enqueued');
    return rows.length;
  }

  private async runCheck(job: Job<CheckData>): Promise<void> {
    const { team, accounts, account } = job.data;
    await this.opts.teams.step(
      team,
      async ({ engine, now }) => {
        const due = (accounts ?? [account!]).filter((id) => {
          const a = engine.state.accounts.get(id);
          return a?.status === 'connected' && !(a.lastCheck && now - a.lastCheck.at < RECHECK_AFTER);
        });
        if (due.length) await engine.checkBatch(due, now, 'schedule');
      },
      { finish: (tx) => this.complete(tx, QUEUE.check, job), limits: CHECK_CONCURRENCY },
    );
  }

  /** A rule instant or a token renewal: a step of the team at its instant (the Engine does the rest). */
  private async runAt(queue: string, job: Job<RulesData>): Promise<void> {
    const early = job.data.at - this.opts.teams.now();
    if (early > 0 && early <= EARLY_WAIT_MAX) await new Promise((r) => setTimeout(r, early));
    await this.opts.teams.step(job.data.team, async () => {}, {
      finish: (tx) => this.complete(tx, queue, job),
    });
  }

  private async complete(tx: Tx, name: string, job: Job<object>): Promise<void> {
    await this.boss.complete(name, { id: job.id, retryCount: job.retryCount }, null, { db: fromKysely(tx) });
  }

  /**
   * The Teams afterStep hook, in the step's transaction: a job at the team's next rule instant, and one at
   * its next token renewal (the earliest instant stored beside a connected account's token).
   */
  readonly scheduleRules = async (tx: Tx, teamId: string, state: State, clock: number): Promise<void> => {
    if (!this.started) return;
    const next = nextTransition(state, clock, Number.MAX_SAFE_INTEGER, true);
    if (next) await this.sendAt(tx, QUEUE.rules, { team: teamId, at: next.at });
    const renewal = await nextRenewal(tx, teamId);
    if (renewal) await this.sendAt(tx, QUEUE.renewal, { team: teamId, ...renewal });
    await this.opts.mail?.afterStep(tx, teamId, state);
  };

  private async sendAt(tx: Tx, queue: string, data: RulesData): Promise<void> {
    // The id names the instant and when it falls on the wall clock: one job per instant across processes,
    // and a new one when the simulation's clock moves (the old one would wait for the old wall time).
    const wall = this.opts.toWall(data.at);
    await this.boss.send(queue, data, {
      id: uuidFrom(`${queue}|${data.team}|${data.account ?? ''}|${data.at}|${wall}`),
      startAfter: new Date(Math.max(wall, Date.now())),
      db: fromKysely(tx),
    });
  }

  /** For /readyz and tests: jobs not yet finished in a queue. */
  async pending(name: string): Promise<number> {
    const r = await sql<{
      n: string;
    }>`select count(*) as n from pgboss.job where name = ${name} and state < 'completed'`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }
}
