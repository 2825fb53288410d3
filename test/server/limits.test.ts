// Per-network check limits hold across server processes (issue #15): runtime's CHECK_CONCURRENCY is
// pg-boss's group concurrency plus a check's advisory-lock slot of its network (server/limits.ts; the group
// count alone let two processes fetching at once take 8 Facebook checks with a limit of 4), so two servers
// on one PostgreSQL together never have more checks of one network in flight than its limit. Two server instances here, each with its own pg-boss,
// pool and workers (sharing only the database, as two processes do), over mock networks that answer after
// a delay and record how many requests of each network are in flight at once.
import { afterAll, describe, expect, it } from 'vitest';
import { type AccountInput, createState, DAY, NETWORKS, type Network } from '../../core/index.ts';
import { CHECK_CONCURRENCY } from '../../runtime/engine.ts';
import { openStorage } from '../../server/db/open.ts';
import { createLogger } from '../../server/log.ts';
import { type RunningServer, startServer } from '../../server/server.ts';
import { createTeam } from '../../server/store/team-rows.ts';
import { databaseFor, Recorder, scheduledChecks, testConfig, until } from './harness.ts';

/**
 * Teams of one X or one Facebook account: a team's steps take turns (its lock), different teams' run at once,
 * so only the per-network limits (X 2, Facebook 4) stand between the servers' 6 job slots and the networks.
 */
const TEAMS = 12;
/** Accounts of the one larger team (half X, half Facebook): within one sweep batch (runtime/sweep.ts). */
const BIG = 20;

describe('per-network check limits across processes', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('R11: two servers on one PostgreSQL never have more than CHECK_CONCURRENCY[network] checks of a network in flight, batches of one team included', async () => {
    const where = await databaseFor('postgres', 'limits');
    const setup = await openStorage({ databaseUrl: where.databaseUrl, dataDir: where.data });
    const now = Date.now();
    // Account ids unique across teams, so the event log's checks count per account.
    const teamOf = (network: Network, i: number): AccountInput[] => [
      { id: `${network}-${i}`, network, connectedBy: 'ada', connectedAt: now - DAY },
    ];
    const users = [{ id: 'ada', permission: 'all-accounts' as const, superAdmin: true }];
    for (let i = 0; i < TEAMS; i++)
      for (const network of ['x', 'facebook'] as const) {
        const state = createState({ users, accounts: teamOf(network, i) });
        await createTeam(setup.db, { id: `${network}-team-${i}`, name: `Team ${i}`, state, clock: now, now });
      }
    // And one team whose sweep batch holds many checks of each network: its checks hand their slots on.
    const many: AccountInput[] = Array.from({ length: BIG }, (_, i) => ({
      id: `big-${i}`,
      network: i % 2 ? 'x' : 'facebook',
      connectedBy: 'ada',
      connectedAt: now - DAY,
    }));
    await createTeam(setup.db, {
      id: 'big-team',
      name: 'Big team',
      state: createState({ users, accounts: many }),
      clock: now,
      now,
    });
    await setup.close();

    const inFlight = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
    const most = { ...inFlight };
    const byServer = [0, 0];
    // Three checks at a time per server: neither can take all the work, so both have checks in flight.
    const config = testConfig(where, { simLatencyMs: 150, jobs: { localConcurrency: 3 } as never });
    for (const index of [0, 1]) {
      const server = await startServer(config, createLogger('warn', new Recorder().stream()));
      servers.push(server);
      const network = server.sim!.network;
      const context = network.context;
      // Every request of a check goes through the adapter context's fetch, one after another.
      network.context = (n) => {
        const ctx = context(n);
        return {
          ...ctx,
          fetch: async (input, init) => {
            inFlight[n] += 1;
            most[n] = Math.max(most[n], inFlight[n]);
            byServer[index]! += 1;
            try {
              return await ctx.fetch(input, init);
            } finally {
              inFlight[n] -= 1;
            }
          },
        };
      };
    }
    const total = TEAMS * 2 + BIG;
    expect(await servers[0]!.jobs.sweep()).toBe(total);
    const checked = () => scheduledChecks(servers[0]!.storage.db);
    const done = await until(checked, (c) => c.size >= total, 90_000);
    expect(done.size).toBe(total);
    expect([...done.values()].every((n) => n === 1)).toBe(true);
    for (const n of NETWORKS) expect(most[n], n).toBeLessThanOrEqual(CHECK_CONCURRENCY[n]);
    // The limits were reached, not merely respected by a sweep that ran one check at a time, and both
    // servers took part.
    expect(most.x).toBe(CHECK_CONCURRENCY.x);
    expect(most.facebook).toBeGreaterThan(1);
    expect(byServer.every((count) => count > 0)).toBe(true);
    where.cleanup();
  }, 120_000);
});
