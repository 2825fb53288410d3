// Builds and starts the server from its configuration: storage, secrets, the network side (real or
// simulated), teams, jobs, the HTTP app; `close()` shuts it down gracefully (no new requests, in-flight
// jobs finish or are released, the database closes, the embedded lock is freed).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { bootstrap } from './bootstrap.ts';
import type { Config } from './config.ts';
import { loadKey, Sealer } from './crypto.ts';
import { migrationsCurrent } from './db/migrations.ts';
import { Notices } from './db/notices.ts';
import { openStorage, type Storage } from './db/open.ts';
import type { Env } from './http/api.ts';
import { createApp } from './http/app.ts';
import type { ServerContext } from './http/context.ts';
import { Jobs } from './jobs.ts';
import { SlotSignals } from './limits.ts';
import type { Logger } from './log.ts';
import { createMail, type Mail } from './mail/service.ts';
import { MemberCache } from './member-cache.ts';
import type { Invite } from './members.ts';
import { realNetworks } from './networks.ts';
import { simulationPages, simulationRoutes } from './sim/routes.ts';
import { rebuild, type Simulated, simulate } from './sim/wiring.ts';
import { Teams } from './teams.ts';

export interface RunningServer {
  url: string;
  app: Hono<Env>;
  storage: Storage;
  teams: Teams;
  jobs: Jobs;
  mail: Mail;
  sim: Simulated | null;
  /** The first super admin's invite, on the very first start only. */
  firstInvite: Invite | null;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.data });
  try {
    return await assemble(config, log, storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
}

async function assemble(config: Config, log: Logger, storage: Storage): Promise<RunningServer> {
  const tokenKey = loadKey({ tokenKey: config.tokenKey, dataDir: storage.dataDir });
  const sealer = new Sealer(tokenKey);
  let publicUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const sim = config.simulate
    ? await simulate({ db: storage.db, sealer, publicUrl: () => publicUrl, latencyMs: config.simLatencyMs })
    : null;
  const network = sim?.network ?? realNetworks(config, () => publicUrl);
  const now = sim?.now ?? Date.now;
  const toWall = sim?.toWall ?? ((at: number) => at);
  let jobs: Jobs | null = null;
  let teams: Teams | null = null;
  const mail = await createMail({
    config,
    tokenKey,
    teams: { db: storage.db, now, read: (id, db) => teams!.read(id, db) },
    log,
    publicUrl: () => publicUrl,
    toWall,
  });
  // What other processes commit reaches this one's caches and waiting checks (db/notices.ts).
  const notices = new Notices();
  const members = new MemberCache();
  const slotSignals = new SlotSignals(storage.autonomous);
  notices.subscribe(['team', 'token'], members.handlers);
  notices.subscribe(['slot'], slotSignals.handlers);
  await storage.listen(notices);
  teams = new Teams({
    slotSignals,
    db: storage.db,
    autonomous: storage.autonomous,
    sealer,
    network,
    now,
    mail: mail.step,
    afterStep: (tx, id, state, clock) => jobs?.scheduleRules(tx, id, state, clock) ?? Promise.resolve(),
  });
  const firstInvite = await bootstrap(teams, sealer, sim?.seed ?? null);
  if (sim && !firstInvite) await rebuild(sim, storage.db, sealer);
  jobs = new Jobs({ storage, teams, config: config.jobs, log, toWall, mail: mail.jobs });

  const ctx: ServerContext = {
    config,
    teams,
    members,
    sealer,
    jobs,
    mail,
    log,
    network,
    get publicUrl() {
      return publicUrl;
    },
    ready: async () => migrationsCurrent(storage.db as Kysely<unknown>),
  };
  if (sim) ctx.simulation = { routes: simulationRoutes(ctx, sim), pages: simulationPages(sim) };
  const app = createApp(ctx);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  // Idle keep-alive sockets outlive the clients' own idle timeout (undici: 4 s), so a client never sends a
  // request on a socket the server is closing (ECONNRESET); headers must then be allowed a little longer.
  Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', reject);
  });
  if (!config.publicUrl) publicUrl = `http://${config.host}:${address.port}`;
  await jobs.start();

  let closing: Promise<void> | null = null;
  return {
    url: `http://${config.host}:${address.port}`,
    app,
    storage,
    teams,
    jobs,
    mail,
    sim,
    firstInvite,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await jobs!.stop();
        mail.close();
        await storage.close();
      })()),
  };
}
