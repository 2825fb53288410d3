// The server-at-scale bench's setup (issue #20): a real PostgreSQL (DATABASE_URL, else a temporary cluster
// started the way test/server/ starts one), teams seeded through the server's own storage (migrations by
// openStorage, rows by createTeam, an invite by createInvite), and server processes (`server/main.ts
// --simulate`, each with its own job workers and mock networks) on that database.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AccountInput, createState, DAY, NETWORKS, type Network } from '../core/index.ts';
import { createWorld } from '../mocks/world.ts';
import { openStorage } from '../server/db/open.ts';
import { createInvite } from '../server/members.ts';
import { createTeam } from '../server/store/team-rows.ts';
import { DEMO_SEED } from '../sim/demo.ts';
import { createDatabase, startCluster } from '../test/server/postgres.ts';

export interface Database {
  url: string;
  /** Said in the output: where the database came from. */
  where: string;
  close(): void;
}

/** DATABASE_URL as given (it must hold no team yet), or a fresh temporary cluster removed afterwards. */
export async function benchDatabase(): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, where: 'PostgreSQL from DATABASE_URL', close: () => {} };
  const cluster = await startCluster();
  let running = true;
  const stop = () => {
    if (running) cluster.stop();
    running = false;
  };
  // A bench stopped half-way (Ctrl-C) leaves no cluster running.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const url = await createDatabase(cluster.url, 'bench_server');
  return {
    url,
    where: 'a temporary PostgreSQL 15 cluster (as test/server/ starts one)',
    close: stop,
  };
}

export interface Seeded {
  /** Accounts per team id, the first team being the large one. */
  teams: Array<{ id: string; accounts: number }>;
  perNetwork: Record<Network, number>;
  /** Joins team 0 as its super admin (POST /api/join). */
  inviteCode: string;
}

export const ADMIN = 'admin';

/**
 * `total` connected accounts over `teams` teams, the first with `large` of them and the rest shared evenly,
 * networks in turn; each with the profile its mock network gives it and a few posts, so a view carries what
 * a real one does. Connections are 1–50 days old: no rule falls due during the bench.
 */
export async function seed(url: string, total: number, teams: number, large: number): Promise<Seeded> {
  const storage = await openStorage({ databaseUrl: url, dataDir: tmpdir() });
  try {
    if (await storage.db.selectFrom('teams').select('id').limit(1).executeTakeFirst())
      throw new Error(
        'The server bench seeds its own teams: give it an empty database (DATABASE_URL), or none to use a temporary cluster.',
      );
    const world = createWorld({ now: Date.now, seed: DEMO_SEED, logCalls: false });
    const now = Date.now();
    const perNetwork = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
    const users = [
      { id: ADMIN, name: 'Bench Admin', permission: 'all-accounts' as const, superAdmin: true },
      { id: 'editor', name: 'Bench Editor', permission: 'all-accounts' as const },
    ];
    const out: Seeded['teams'] = [];
    let n = 0;
    for (let t = 0; t < teams; t++) {
      const size =
        t === 0
          ? large
          : Math.floor((total - large) / (teams - 1)) + (t <= (total - large) % (teams - 1) ? 1 : 0);
      const id = `team-${String(t).padStart(2, '0')}`;
      const accounts: AccountInput[] = [];
      const posts: Array<{
        id: string;
        account: string;
        state: 'scheduled' | 'published';
        at: number;
        author: string;
        title: string;
      }> = [];
      for (let i = 0; i < size; i++, n++) {
        const network = NETWORKS[n % NETWORKS.length]!;
        const account = `${id}-${network}-${i}`;
        const identity = world.addAccount({ id: account, network });
        const connectedAt = now - (1 + (n % 50)) * DAY;
        accounts.push({
          id: account,
          network,
          connectedBy: i % 2 ? ADMIN : 'editor',
          connectedAt,
          profile: {
            networkUserId: identity.networkUserId,
            name: identity.name,
            handle: identity.handle,
            avatarUrl: identity.avatarUrl,
          },
        });
        perNetwork[network]++;
        for (let k = 0; k < 2; k++)
          posts.push({
            id: `${account}-p${k}`,
            account,
            state: k ? 'scheduled' : 'published',
            at: k ? now + (10 + (n % 20)) * DAY : connectedAt,
            author: ADMIN,
            title: `Post ${k} of ${account}`,
          });
      }
      const state = createState({ users, accounts, posts });
      await createTeam(storage.db, { id, name: `Team ${t}`, state, clock: now, now });
      out.push({ id, accounts: size });
    }
    const invite = await createInvite(
      storage.db,
      {
        teamId: out[0]!.id,
        user: ADMIN,
        permission: 'all-accounts',
        superAdmin: true,
        groups: [],
        createdBy: null,
      },
      now,
    );
    return { teams: out, perNetwork, inviteCode: invite.code };
  } finally {
    await storage.close();
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `count` processes of `npm run server -- --simulate` (the project's Node) on the database, the mock
 * networks answering after `latencyMs`; the daily sweep is left to the caller (POST /api/checks).
 */
export async function startServers(
  url: string,
  count: number,
  latencyMs: number,
): Promise<{ servers: ServerProcess[]; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sh-bench-server-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ simLatencyMs: latencyMs, jobs: { sweepOnStart: false } }));
  const env = {
    ...process.env,
    DATABASE_URL: url,
    TOKEN_KEY: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'warn',
  };
  // SERVER_PROFILE=DIR: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.SERVER_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SERVER_PROFILE}`]
    : [];
  const starts = Array.from({ length: count }, () =>
    startProcess(
      [...profile, 'server/main.ts', '--simulate', '--port', '0', '--data', dir, '--config', config],
      env,
    ),
  );
  const servers = await Promise.all(starts);
  return { servers, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A child process on this Node, ready once it prints "listening on URL". */
export function startProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let said = '';
  let listening = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.on('data', (d) => process.stderr.write(`server ${child.pid}: ${d}`));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      said += String(d);
      const url = /listening on (http:\/\/\S+)/.exec(said)?.[1];
      if (url && !listening) {
        listening = true;
        resolve({
          url,
          child,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`${args[0]} exited with ${code} before listening: ${said}`)),
    );
  });
}
