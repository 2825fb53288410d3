// (f) The team server at scale (issue #20): 10,000 connected accounts over 20 teams in a real PostgreSQL,
// one day's sweep by 3 server processes (`server/main.ts --simulate`: their own pg-boss workers, the mock
// networks answering after 50 ms), triggered as an admin does (POST /api/checks), and the member view API
// of the 1,000-account team beside the same bytes served statically by the same HTTP stack.
//
// - Sweep: from the first check job's creation to the last one's completion (pg-boss's own timestamps),
//   beside the ideal under the per-network limits: for each network ⌈accounts / CHECK_CONCURRENCY⌉ ×
//   latency × requests per check (counted by one check per network through the same adapters and mock
//   networks, on tokens as fresh as the servers' own), the slowest network, since networks run in parallel.
// - Checks per account: from the event log's `checked` events (every result names its account).
// - View: GET /api/view (200, then with If-None-Match: 304) against a static Hono server in its own
//   process holding the same bytes and ETag, alternating request by request, after warm-up rounds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createConnections, type TokenStore } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import type { TokenSet } from '../adapters/types.ts';
import { NETWORKS, type Network } from '../core/index.ts';
import { CHECK_CONCURRENCY } from '../runtime/engine.ts';
import { DEMO_SEED } from '../sim/demo.ts';
import { simulatedNetworks } from '../sim/world/networks.ts';
import type { Figure } from './report.ts';
import { benchDatabase, type ServerProcess, seed, startProcess, startServers } from './server-setup.ts';

const zero = () => Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
const log = (what: string) => console.error(`bench: server: ${what}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests one scheduled check makes per network, on tokens granted just before (as the servers' are). */
async function requestsPerCheck(): Promise<Record<Network, number>> {
  const calls = zero();
  const net = simulatedNetworks({
    now: Date.now,
    seed: DEMO_SEED,
    transport: 'direct',
    redirectUri: 'http://127.0.0.1/cb',
  });
  const tokens = new Map<string, TokenSet>();
  const store: TokenStore = {
    get: async (id) => tokens.get(id) ?? null,
    set: async (id, t) => void tokens.set(id, t),
  };
  const connections = createConnections({
    adapters: ADAPTERS,
    tokens: store,
    context: (n) => {
      const ctx = net.context(n);
      return {
        ...ctx,
        fetch: ((input, init) => {
          calls[n]++;
          return ctx.fetch(input, init);
        }) as typeof fetch,
      };
    },
  });
  for (const network of NETWORKS) {
    const id = `probe-${network}`;
    net.world.addAccount({ id, network });
    tokens.set(id, net.world.grant(id));
    const outcome = await connections.check({ id, network });
    if (outcome.kind !== 'ok') throw new Error(`probe check of ${network}: ${outcome.kind}`);
  }
  return calls;
}

interface SweepResult {
  ms: number;
  /** CPU seconds each server process used during the sweep. */
  cpu: number[];
  /** Seconds from the sweep's start to each team's last batch's start, the largest team first. */
  lastStarts: number[];
  /** Check jobs: batches of one team's accounts. */
  batches: number;
  checks: { accounts: number; min: number; max: number; outcomes: Record<string, number> };
}

async function runSweep(
  db: pg.Pool,
  servers: ServerProcess[],
  token: string,
  total: number,
): Promise<SweepResult> {
  const url = servers[0]!.url;
  const cpuBefore = servers.map(cpuSeconds);
  const started = performance.now();
  const res = await fetch(`${url}/api/checks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const { enqueued } = (await res.json()) as { enqueued: number };
  if (enqueued !== total) throw new Error(`POST /api/checks enqueued ${enqueued}, expected ${total}`);
  let said = started;
  for (;;) {
    const r = await db.query(
      `select count(*) filter (where state < 'completed')::int as pending,
              count(*) filter (where state in ('failed', 'cancelled'))::int as failed
         from pgboss.job where name = 'account-check'`,
    );
    const { pending, failed } = r.rows[0] as { pending: number; failed: number };
    if (failed) throw new Error(`${failed} check jobs failed`);
    const gone = servers.find((s) => s.child.exitCode !== null);
    if (gone) throw new Error(`server process ${gone.child.pid} exited (${gone.child.exitCode}) mid-sweep`);
    if (pending === 0) break;
    if (performance.now() - started > 30 * 60_000)
      throw new Error(`sweep: ${pending} jobs left after 30 minutes`);
    if (performance.now() - said > 10_000) {
      said = performance.now();
      log(`${pending} check jobs left`);
    }
    await sleep(100);
  }
  // From the request to the last job seen done (a job completes in its step's transaction, whose pg-boss
  // timestamps are the transaction's start, so they are not used for the end).
  const ms = performance.now() - started;
  const cpu = servers.map((s, i) => cpuSeconds(s) - cpuBefore[i]!);
  const jobs = await db.query(`select count(*)::int as n from pgboss.job where name = 'account-check'`);
  // When each team's last batch started (a step's events carry its start), from the sweep's start: the
  // largest team's batches run one after another under its lock, so it may finish last.
  const ends = await db.query(
    `select team_id, extract(epoch from to_timestamp(max(at) / 1000.0) - min(j.created_on)) as s
       from events e, (select min(created_on) as created_on from pgboss.job where name = 'account-check') j
      where e.type = 'checked' and e.source = 'schedule' group by team_id order by team_id`,
  );
  const lastStarts = (ends.rows as Array<{ team_id: string; s: string }>).map((r) => Number(r.s));
  const per = await db.query(
    `select r->>'account' as account, r->>'outcome' as outcome, count(*)::int as n
       from events e, jsonb_array_elements(e.detail->'results') r
      where e.type = 'checked' and e.source = 'schedule' group by 1, 2`,
  );
  const counts = new Map<string, number>();
  const outcomes: Record<string, number> = {};
  for (const row of per.rows as Array<{ account: string; outcome: string; n: number }>) {
    counts.set(row.account, (counts.get(row.account) ?? 0) + row.n);
    outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + row.n;
  }
  const values = [...counts.values()];
  return {
    ms,
    cpu,
    batches: jobs.rows[0].n,
    lastStarts,
    checks: {
      accounts: counts.size,
      min: counts.size < total ? 0 : Math.min(...values),
      max: Math.max(...values),
      outcomes,
    },
  };
}

/** User + system CPU time of a child process so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(s: ServerProcess): number {
  try {
    const fields = readFileSync(`/proc/${s.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** One request's time to the last byte. */
async function timed(url: string, headers: Record<string, string>, status: number): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== status) throw new Error(`${url}: ${res.status}, expected ${status}`);
  return ms;
}

interface ViewResult {
  bytes: number;
  accounts: number;
  view: number[];
  static: number[];
  view304: number[];
  static304: number[];
}

async function viewLatency(url: string, token: string, rounds: number, warmup: number): Promise<ViewResult> {
  // As the extension asks: its Origin on every request (the static server gets it too, and ignores it).
  const origin = { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
  const auth = { ...origin, authorization: `Bearer ${token}` };
  const first = await fetch(`${url}/api/view`, { headers: auth });
  const body = Buffer.from(await first.arrayBuffer());
  const etag = first.headers.get('etag')!;
  const dir = mkdtempSync(join(tmpdir(), 'sh-bench-view-'));
  writeFileSync(join(dir, 'view.json'), body);
  const stat = await startProcess(['bench/static-server.ts', join(dir, 'view.json'), etag]);
  try {
    const out: ViewResult = {
      bytes: body.length,
      accounts: (JSON.parse(String(body)) as { accounts: unknown[] }).accounts.length,
      view: [],
      static: [],
      view304: [],
      static304: [],
    };
    const kinds: Array<[keyof ViewResult, string, Record<string, string>, number]> = [
      ['view', `${url}/api/view`, auth, 200],
      ['static', `${stat.url}/static`, origin, 200],
      ['view304', `${url}/api/view`, { ...auth, 'if-none-match': etag }, 304],
      ['static304', `${stat.url}/static`, { ...origin, 'if-none-match': etag }, 304],
    ];
    for (let i = 0; i < warmup + rounds; i++) {
      // Each round in another order, so neither side always follows the other.
      for (let k = 0; k < kinds.length; k++) {
        const [name, target, headers, status] = kinds[(i + k) % kinds.length]!;
        const ms = await timed(target, headers, status);
        if (i >= warmup) (out[name] as number[]).push(ms);
      }
    }
    return out;
  } finally {
    await stat.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ServerBenchOptions {
  accounts: number;
  teams: number;
  large: number;
  processes: number;
  latency: number;
  rounds: number;
}

export async function serverFigures(o: ServerBenchOptions): Promise<Figure[]> {
  const calls = await requestsPerCheck();
  const database = await benchDatabase();
  log(`database: ${database.where}`);
  try {
    const seeded = await seed(database.url, o.accounts, o.teams, o.large);
    log(`seeded ${o.accounts} accounts over ${o.teams} teams; starting ${o.processes} server processes`);
    const { servers, cleanup } = await startServers(database.url, o.processes, o.latency);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      const joined = await fetch(`${servers[0]!.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: seeded.inviteCode }),
      });
      const { token } = (await joined.json()) as { token: string };
      log('sweep');
      const sweep = await runSweep(pool, servers, token, o.accounts);
      log('view API');
      const view = await viewLatency(servers[0]!.url, token, o.rounds, 20);
      return figures(o, seeded.perNetwork, calls, sweep, view, database.where);
    } finally {
      await pool.end();
      await Promise.all(servers.map((s) => s.stop()));
      cleanup();
    }
  } finally {
    database.close();
  }
}

function figures(
  o: ServerBenchOptions,
  perNetwork: Record<Network, number>,
  calls: Record<Network, number>,
  sweep: SweepResult,
  view: ViewResult,
  where: string,
): Figure[] {
  const ideal = Math.max(
    ...NETWORKS.map((n) => Math.ceil(perNetwork[n] / CHECK_CONCURRENCY[n]) * o.latency * calls[n]),
  );
  const p = (v: number[], q: number) => percentile(v, q);
  const each = NETWORKS.map(
    (n) => `${n} ${perNetwork[n]} accounts, limit ${CHECK_CONCURRENCY[n]}, ${calls[n]} req/check`,
  ).join('; ');
  const what = `${o.accounts.toLocaleString('en-US')} accounts, ${o.teams} teams, ${o.processes} processes, ${o.latency} ms latency`;
  const size = `${view.accounts.toLocaleString('en-US')}-account team, ${Math.round(view.bytes / 1024)} KB`;
  const { checks } = sweep;
  return [
    {
      name: `server sweep: ${what}`,
      value: sweep.ms,
      unit: 'ms',
      baseline: { name: 'ideal under CHECK_CONCURRENCY', value: ideal },
      ratio: sweep.ms / ideal,
      budget: 'ratio ≤ 1.2',
      ok: sweep.ms / ideal <= 1.2,
      note: `${where}; ${sweep.batches} check jobs (batches of one team's accounts); server CPU during the sweep ${sweep.cpu.map((c) => `${c.toFixed(1)} s`).join(' + ')}; last batch started at ${sweep.lastStarts[0]!.toFixed(1)} s in the largest team, ${Math.max(...sweep.lastStarts.slice(1)).toFixed(1)} s at the latest in the others; ${each}`,
    },
    {
      name: 'server sweep: checks per account',
      value: checks.max,
      unit: 'checks',
      baseline: { name: 'fewest', value: checks.min },
      budget: 'exactly 1 each',
      ok: checks.min === 1 && checks.max === 1 && checks.accounts === o.accounts,
      note: `${checks.accounts} accounts checked; outcomes ${JSON.stringify(checks.outcomes)}`,
    },
    {
      name: `server view API p50 (${size})`,
      value: p(view.view, 50),
      unit: 'ms',
      baseline: { name: 'same bytes static', value: p(view.static, 50) },
      ratio: p(view.view, 50) / p(view.static, 50),
    },
    {
      name: `server view API p95 (${size})`,
      value: p(view.view, 95),
      unit: 'ms',
      baseline: { name: 'same bytes static', value: p(view.static, 95) },
      ratio: p(view.view, 95) / p(view.static, 95),
      budget: 'ratio ≤ 2',
      ok: p(view.view, 95) / p(view.static, 95) <= 2,
      note: `${o.rounds} requests each, alternating, after 20 warm-up rounds`,
    },
    {
      name: 'server view API 304 (If-None-Match) p95',
      value: p(view.view304, 95),
      unit: 'ms',
      baseline: { name: 'static 304', value: p(view.static304, 95) },
      ratio: p(view.view304, 95) / p(view.static304, 95),
      budget: 'ratio ≤ 1.2',
      ok: p(view.view304, 95) / p(view.static304, 95) <= 1.2,
      note: `p50 ${p(view.view304, 50).toFixed(2)} ms beside ${p(view.static304, 50).toFixed(2)} ms`,
    },
  ];
}
