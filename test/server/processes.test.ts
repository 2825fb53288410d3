// Server processes as an operator runs them (`node server/main.ts`), on a real PostgreSQL the suite
// started and on the embedded database: two processes share one sweep of 200 accounts and every daily
// check runs exactly once; a process killed with SIGKILL mid-sweep restarts and finishes it with no
// duplicate and nothing lost; a second process on one embedded data folder is refused; SIGTERM is graceful.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type AccountInput, createState, DAY, NETWORKS } from '../../core/index.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { SWEEP_BATCH } from '../../runtime/sweep.ts';
import { openStorage } from '../../server/db/open.ts';
import { createTeam } from '../../server/store/team-rows.ts';
import { scheduledChecks } from './harness.ts';
import { createDatabase } from './postgres.ts';

const ROOT = join(import.meta.dirname, '../..');
const KEY = Buffer.alloc(32, 9).toString('base64');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The secrets a child process knows that a test can name: the token key and the mock clients' secrets. */
const secretsIn = (text: string) =>
  [KEY, ...Object.values(MOCK_CLIENTS).map((c) => c.clientSecret)].filter((s) => text.includes(s));

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  url: Promise<string>;
  exit: Promise<number | null>;
}

function server(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['server/main.ts', '--simulate', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
  url.catch(() => {});
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, url, exit };
}

function configFile(jobs: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sh-proc-'));
  dirs.push(dir);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ jobs: { pollingSeconds: 0.5, ...jobs }, ...extra }));
  return file;
}

/** A team of 200 connected accounts (40 per network), written before any server starts. */
async function bigTeam(name: string, faults: string[] = []): Promise<string> {
  const url = await createDatabase(inject('postgresUrl'), `${name}_${Date.now()}`);
  const storage = await openStorage({ databaseUrl: url, dataDir: '' });
  const now = Date.now();
  const accounts: AccountInput[] = Array.from({ length: 200 }, (_, i) => ({
    id: `${NETWORKS[i % 5]}-${i}`,
    network: NETWORKS[i % 5]!,
    connectedBy: 'ada',
    connectedAt: now - 10 * DAY,
  }));
  const state = createState({
    users: [{ id: 'ada', permission: 'all-accounts', superAdmin: true }],
    accounts,
  });
  await createTeam(storage.db, { id: 'big', name: 'Big', state, clock: now, now });
  if (faults.length) {
    const snap = {
      version: 1,
      accounts: faults.map((id) => ({ id, deleted: false, fault: 'revoked', faultAt: now })),
      outages: [],
      rateLimits: [],
      canned: [],
    };
    await storage.db
      .insertInto('kv')
      .values({ key: 'sim.world', value: JSON.stringify(snap) })
      .execute();
  }
  await storage.close();
  return url;
}

async function counts(url: string) {
  const storage = await openStorage({ databaseUrl: url, dataDir: '', migrate: false });
  try {
    const perAccount = await scheduledChecks(storage.db);
    const outbox = await storage.db.selectFrom('outbox').select(['account', 'kind']).execute();
    const jobs = await sql<{
      n: string;
    }>`select count(*) as n from pgboss.job where name = 'account-check'`.execute(storage.db);
    return {
      perAccount,
      outbox,
      jobs: Number(jobs.rows[0]!.n),
    };
  } finally {
    await storage.close();
  }
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('server processes', () => {
  it('R11: two processes on one PostgreSQL with 200 accounts: every daily check ran exactly once', async () => {
    const url = await bigTeam('two');
    const cfg = configFile({ sweepOnStart: true });
    const env = { DATABASE_URL: url, TOKEN_KEY: KEY };
    const a = server(['--config', cfg], env);
    const b = server(['--config', cfg], env);
    await Promise.all([a.url, b.url]);
    const done = await until(
      () => counts(url),
      (c) => c.perAccount.size >= 200,
      90_000,
    );
    // A little longer: any duplicate would show up now.
    await new Promise((r) => setTimeout(r, 1500));
    const final = await counts(url);
    expect(done.perAccount.size).toBe(200);
    expect([...final.perAccount.values()].every((n) => n === 1)).toBe(true);
    // Both processes enqueued the sweep; the deterministic ids left one job per batch of accounts.
    expect(final.jobs).toBe(200 / SWEEP_BATCH);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exit).toBe(0);
    expect(await b.exit).toBe(0);
    expect(secretsIn(a.err() + a.out() + b.err() + b.out())).toEqual([]);
  }, 150_000);

  it('R6: a process killed with SIGKILL mid-sweep restarts and completes it: no duplicate notification, nothing lost', async () => {
    const revoked = Array.from({ length: 20 }, (_, i) => `${NETWORKS[(i * 10) % 5]}-${i * 10}`);
    const url = await bigTeam('kill', revoked);
    const cfg = configFile(
      { sweepOnStart: true, expireSeconds: 3, superviseSeconds: 1 },
      { simLatencyMs: 100 },
    );
    const env = { DATABASE_URL: url, TOKEN_KEY: KEY };
    const first = server(['--config', cfg], env);
    await first.url;
    const mid = await until(
      () => counts(url),
      (c) => c.perAccount.size >= 40,
      90_000,
    );
    first.child.kill('SIGKILL');
    await first.exit;
    const atKill = (await counts(url)).perAccount.size;
    expect(mid.perAccount.size).toBeGreaterThanOrEqual(40);
    expect(atKill).toBeLessThan(200);

    const second = server(['--config', cfg], env);
    await second.url;
    const done = await until(
      () => counts(url),
      (c) => c.perAccount.size >= 200,
      120_000,
    );
    await new Promise((r) => setTimeout(r, 4000));
    const final = await counts(url);
    expect(done.perAccount.size).toBe(200);
    expect([...final.perAccount.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const alerts = final.outbox
      .filter((o) => o.kind === 'disconnect-alert')
      .map((o) => o.account)
      .sort();
    expect(alerts).toEqual([...revoked].sort());
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    expect(secretsIn(first.err() + first.out() + second.err() + second.out())).toEqual([]);
  }, 240_000);

  it('a second process on the same embedded data folder is refused with a clear message; the invite command works once it stops', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sh-embedded-'));
    dirs.push(data);
    const first = server(['--data', data], {});
    await first.url;
    const second = server(['--data', data], {});
    expect(await second.exit).toBe(1);
    expect(second.err()).toMatch(/Another server \(pid \d+\) is using the data folder .*stop that one first/);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    // Stopped, the folder is free: `npm run server -- invite` makes an invite, which the next start accepts.
    const cli = spawnSync(
      process.execPath,
      ['server/main.ts', 'invite', '--data', data, '--permission', 'own-accounts', '--user', 'ben'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(cli.status).toBe(0);
    const code = /^ {2}(\S+)$/m.exec(cli.stdout)?.[1];
    expect(cli.stdout).toContain('Invite code for "ben"');
    const again = server(['--data', data], {});
    const url = await again.url;
    expect(again.out()).not.toContain('First start');
    const joined = await fetch(`${url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(joined.status).toBe(201);
    expect(await joined.json()).toMatchObject({ team: 'demo', user: 'ben' });
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);
  }, 180_000);
});
