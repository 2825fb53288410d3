// The durable jobs in one process, on the embedded database and on PostgreSQL: the daily sweep checks each
// connected account once, in batches of SWEEP_BATCH (a second sweep the same day adds nothing; an account
// checked in the last 12 hours is skipped), and a team's next rule instant has a job that fires it (R6 reminder) at its instant.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, nextTransition } from '../../core/index.ts';
import { SWEEP_BATCH } from '../../runtime/sweep.ts';
import { QUEUE } from '../../server/jobs.ts';
import { BACKENDS, joinWith, leaksOf, scheduledChecks, startTestServer, type TestServer } from './harness.ts';

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function jobCount(t: TestServer): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*) as n from pgboss.job where name = ${QUEUE.check}`.execute(t.server.storage.db);
  return Number(r.rows[0]!.n);
}

describe.each(BACKENDS)('jobs on %s', (backend) => {
  let t: TestServer;
  afterEach(async () => {
    expect(await leaksOf(t)).toEqual([]);
    await t.close();
  });

  /** Every scheduled check's account, as often as it was checked. */
  const scheduled = async () =>
    [...(await scheduledChecks(t.server.storage.db))].flatMap(([account, n]) =>
      Array<string>(n).fill(account),
    );

  it('R11: the daily sweep checks every connected account once; a second sweep that day adds no job', async () => {
    t = await startTestServer(backend, 'jobs', { jobs: { sweepOnStart: true } as never });
    const connected = (await t.server.teams.read('demo')).state.accounts
      .list()
      .filter((a) => a.status === 'connected');
    const done = await until(scheduled, (c) => c.length >= connected.length);
    expect([...done].sort()).toEqual(connected.map((a) => a.id).sort());
    expect(await t.server.jobs.sweep()).toBe(connected.length);
    await until(
      () => t.server.jobs.pending(QUEUE.check),
      (n) => n === 0,
    );
    expect((await scheduled()).length).toBe(connected.length);
    // The second sweep's jobs had the same ids: none was added (not merely skipped as checked recently).
    expect(await jobCount(t)).toBe(Math.ceil(connected.length / SWEEP_BATCH));
  });

  it('a check job is skipped when the account was checked in the last 12 hours', async () => {
    t = await startTestServer(backend, 'jobs12h');
    const token = await joinWith(t, t.server.firstInvite!.code);
    await t.call('POST', '/api/actions', { token, body: { type: 'check', account: 'facebook-1' } });
    // A sweep 11 hours later: the account has a job like the others, but was checked recently.
    await t.server.sim!.advance(11 * HOUR);
    await t.server.jobs.sweep();
    await until(
      () => t.server.jobs.pending(QUEUE.check),
      (n) => n === 0,
    );
    const checks = await scheduled();
    expect(checks).not.toContain('facebook-1');
    expect(checks.length).toBeGreaterThan(0);
  });

  it('R1/R6: the job at the team’s next rule instant fires that rule at its instant, with no request', async () => {
    t = await startTestServer(backend, 'jobsrules');
    const team = await t.server.teams.read('demo');
    const next = nextTransition(team.state, team.clock, Number.MAX_SAFE_INTEGER)!;
    expect(next).not.toBeNull();
    const queued = await t.server.storage.db
      .selectFrom('pgboss.job' as never)
      .select(['data' as never])
      .where('name' as never, '=', QUEUE.rules as never)
      .execute();
    expect(queued.map((j) => (j as { data: { at: number } }).data.at)).toContain(next.at);
    // Just before the instant; a step there (what the clock API does) fires nothing yet and re-times the job.
    await t.server.sim!.advance(next.at - t.server.teams.now() - 1500);
    const before = await t.server.teams.step('demo', async () => {});
    expect(before.steps.filter((s) => s.at === next.at)).toEqual([]);
    const fired = await until(
      () =>
        t.server.storage.db
          .selectFrom('events')
          .selectAll()
          .where('source', '=', 'rule')
          .where('at', '=', next.at)
          .execute(),
      (rows) => rows.length > 0,
    );
    expect(fired.map((e) => e.type)).toContain(next.event.type);
  });
});
