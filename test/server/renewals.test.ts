// Token renewals around the clock on the server (issue #15, runtime/upkeep.ts): each token row stores its
// next renewal instant, a `token-renewal` job fires at it and the team's step renews the token through the
// upkeep; a refused renewal disconnects through the rules with one alert (R12); a renewal missed while the
// server was down runs on start if its token still lives. On the embedded database and on PostgreSQL, on the
// simulated clock (nothing but the jobs runs between the moves of the clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../core/index.ts';
import { QUEUE } from '../../server/jobs.ts';
import {
  BACKENDS,
  connectAccount,
  joinWith,
  leaksOf,
  startTestServer,
  type TestServer,
  until,
} from './harness.ts';

type Db = TestServer['server']['storage']['db'];

const renewAt = async (db: Db, account: string) => {
  const row = await db
    .selectFrom('tokens')
    .select(['renew_at', 'renew_planned'])
    .where('account_id', '=', account)
    .executeTakeFirstOrThrow();
  return row.renew_at === null ? null : Number(row.renew_at);
};

const renewSteps = (db: Db, account: string) =>
  db
    .selectFrom('events')
    .select(['at', 'source', 'detail'])
    .where('type', '=', 'renew')
    .where('account', '=', account)
    .execute();

describe.each(BACKENDS)('token renewals on %s', (backend) => {
  let t: TestServer;
  let admin: string;
  let start: number;
  const db = () => t.server.storage.db;
  /** Moves the simulated clock to `at` with no step, as if time just passed: only the jobs act. */
  const clockTo = (at: number) => t.server.sim!.advance(at - t.server.teams.now());
  /** Just before `at`; one step re-times the jobs to the moved clock (what POST /api/sim/clock does). */
  const justBefore = async (at: number) => {
    await clockTo(at - 1500);
    await t.server.teams.step('demo', async () => {});
  };
  const check = async (account: string) =>
    (await t.call('POST', '/api/actions', { token: admin, body: { type: 'check', account } })).json.account;

  beforeAll(async () => {
    t = await startTestServer(backend, 'renewals');
    admin = await joinWith(t, t.server.firstInvite!.code);
    start = t.server.teams.now();
    for (const [network, account] of [
      ['instagram', 'ig-new'],
      ['instagram', 'ig-gone'],
      ['youtube', 'yt-new'],
    ] as const)
      await connectAccount(t, admin, network, account);
  });
  afterAll(async () => {
    expect(await leaksOf(t)).toEqual([]);
    await t.close();
  });

  it('R12: an Instagram token is renewed by its job a week before its 60 days, and the account is still connected at day 68; a refused renewal disconnects with one alert', async () => {
    const at = (await renewAt(db(), 'ig-new'))!;
    // Instagram renews itself a week before its 60-day token ends [IG-REFRESH] (runtime/renewal.ts).
    expect(at - start).toBeGreaterThan(53 * DAY - 60_000);
    expect(at - start).toBeLessThan(53 * DAY + 60_000);
    await t.call('POST', '/api/sim/faults', { token: admin, body: { type: 'revoke', account: 'ig-gone' } });
    const last = Math.max(at, (await renewAt(db(), 'ig-gone'))!);
    await justBefore(Math.min(at, (await renewAt(db(), 'ig-gone'))!));
    const both = async () => [...(await renewSteps(db(), 'ig-new')), ...(await renewSteps(db(), 'ig-gone'))];
    const fired = await until(both, (rows) => rows.length >= 2);
    // Run by the jobs at their instants (the last step the test made was before them), each once: a step at
    // or after an instant runs every renewal due by then, whichever job brought it.
    expect(fired.map((r) => r.source)).toEqual(['rule', 'rule']);
    expect(Math.min(...fired.map((r) => Number(r.at)))).toBeGreaterThanOrEqual(at - 1500);
    expect(Math.max(...fired.map((r) => Number(r.at)))).toBeLessThan(last + 60_000);
    const jobs = async () =>
      (await db()
        .selectFrom('pgboss.job' as never)
        .select(['id' as never, 'state' as never])
        .where('name' as never, '=', QUEUE.renewal as never)
        .execute()) as Array<{ id: string; state: string }>;
    expect((await jobs()).filter((j) => j.state === 'completed').length).toBeGreaterThan(0);
    // Scheduling again (what every other step or process does) adds no job: the ids are deterministic.
    await t.server.teams.step('demo', async () => {});
    const before = (await jobs()).length;
    await t.server.teams.step('demo', async () => {});
    expect((await jobs()).length).toBe(before);
    expect(await both()).toHaveLength(2);
    // The renewed token's next instant is stored with it: 53 days after the renewal.
    expect((await renewAt(db(), 'ig-new'))! - at).toBeGreaterThan(50 * DAY);

    // R12: the refused renewal disconnected ig-gone (revoked) through the rules, with exactly one alert.
    const gone = (await t.call('GET', '/api/accounts/ig-gone', { token: admin })).json;
    expect(gone).toMatchObject({ status: 'disconnected', reason: 'revoked' });
    expect(await renewAt(db(), 'ig-gone')).toBeNull();

    await clockTo(start + 68 * DAY);
    expect(await check('ig-new')).toMatchObject({ status: 'connected', lastCheck: { outcome: 'ok' } });
    await check('ig-gone');
    const alerts = await db().selectFrom('outbox').select('kind').where('account', '=', 'ig-gone').execute();
    expect(alerts.map((a) => a.kind)).toEqual(['disconnect-alert']);
  });

  it('R12: a Google refresh token nobody uses is kept alive past its six idle months [G-OAUTH2]', async () => {
    const at = (await renewAt(db(), 'yt-new'))!;
    // The access token's hour plus 150 days: well inside the refresh token's 6 months unused.
    expect(at - start).toBeGreaterThan(150 * DAY);
    expect(at - start).toBeLessThan(150 * DAY + 2 * 3_600_000);
    await justBefore(at);
    const fired = await until(
      () => renewSteps(db(), 'yt-new'),
      (rows) => rows.length > 0,
    );
    expect(fired).toHaveLength(1);
    expect(fired[0]!.source).toBe('rule');
    // Day 200: without the renewal at day 150 the refresh token would have died at day 183.
    await clockTo(start + 200 * DAY);
    expect(await check('yt-new')).toMatchObject({ status: 'connected', lastCheck: { outcome: 'ok' } });
  });
});
