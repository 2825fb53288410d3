// Simulation mode (`--simulate`): the simulated world every simulating shell shares (sim/world/: the mock
// networks of mocks/ wired to the adapters, the fault vocabulary, the simulated clock) in this process,
// on the wall clock plus an offset that testers move through the API, the extension's demo team on first
// start. The only part of server/ that reaches mocks/ (test/boundaries.test.ts). Injected faults and the
// clock offset are stored, and on every start the world is rebuilt from the stored teams: the same account
// ids give the same identities and, with the same seed, the same tokens in every process.
import type { Kysely } from 'kysely';
import type { TokenSet } from '../../adapters/types.ts';
import type { Network } from '../../core/index.ts';
import { isWorldSnapshot, restoreWorld, snapshotWorld } from '../../mocks/snapshot.ts';
import type { MockWorld } from '../../mocks/world.ts';
import { DEMO_SEED, demoTeam, rebuildWorld } from '../../sim/demo.ts';
import { placeholderMedia } from '../../sim/media.ts';
import { SimClock } from '../../sim/world/clock.ts';
import type { Fault } from '../../sim/world/faults.ts';
import { type SimulatedNetworks, simulatedNetworks } from '../../sim/world/networks.ts';
import type { Seed } from '../bootstrap.ts';
import type { Sealer } from '../crypto.ts';
import type { Database } from '../db/types.ts';
import { CALLBACK_PATH } from '../networks.ts';
import { loadTeam } from '../store/team-rows.ts';
import { tokenStore } from '../store/tokens.ts';
import { lockTeam, type NetworkSide } from '../teams.ts';

export const CONSENT_PATH = '/sim/consent';
const OFFSET_KEY = 'sim.clockOffset';
const WORLD_KEY = 'sim.world';

export interface Simulated {
  world: MockWorld;
  network: NetworkSide & { consentUrl: (url: string, account: string, network: Network) => string };
  now: () => number;
  toWall: (at: number) => number;
  fetch: typeof fetch;
  /** A fault of the simulated world's vocabulary, now (the product learns of it at its next call). */
  inject(fault: Fault): void;
  /** The network's consent page answered for the account: where it redirects (sim/world/networks.ts). */
  consent: SimulatedNetworks['consent'];
  /** Moves the simulated clock forward by `ms` (stored, so a restart keeps it). */
  advance(ms: number): Promise<void>;
  /** Stores the world's injected faults (after a fault is injected). */
  saveWorld(): Promise<void>;
  /** The first start's team: the extension's demo team, its accounts at this mock world. */
  seed: Seed;
}

async function kvGet(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('kv').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

async function kvSet(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('kv')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

export async function simulate(opts: {
  db: Kysely<Database>;
  sealer: Sealer;
  publicUrl: () => string;
  latencyMs: number;
}): Promise<Simulated> {
  const { db } = opts;
  const clock = new SimClock(Number((await kvGet(db, OFFSET_KEY)) ?? 0));
  const networks = simulatedNetworks({
    now: clock.now,
    seed: DEMO_SEED,
    transport: 'direct',
    redirectUri: () => `${opts.publicUrl()}${CALLBACK_PATH}`,
    latencyMs: opts.latencyMs,
  });
  const { world } = networks;
  return {
    world,
    now: clock.now,
    toWall: (at) => clock.toWall(at),
    fetch: networks.fetch,
    inject: networks.inject,
    consent: networks.consent,
    network: {
      context: networks.context,
      media: placeholderMedia,
      configured: () => true,
      // The mock networks' consent pages are not reachable from a browser: the server plays them.
      consentUrl: (url, account, network) => {
        world.addAccount({ id: account, network });
        const q = new URLSearchParams({ account, network, to: url });
        return `${opts.publicUrl()}${CONSENT_PATH}?${q}`;
      },
    },
    async advance(ms) {
      clock.advance(ms);
      await kvSet(db, OFFSET_KEY, clock.offset);
    },
    saveWorld: () => kvSet(db, WORLD_KEY, snapshotWorld(world)),
    seed: (at) => {
      const demo = demoTeam(world, at);
      return { id: 'demo', name: 'Demo team', state: demo.state, admin: demo.me, tokens: demo.tokens };
    },
  };
}

/**
 * Puts every stored team's accounts into the world with fresh grants (stored as their tokens), then the
 * stored faults back on top; each team under its lock, so a step of another process never sees half of it.
 */
export async function rebuild(sim: Simulated, db: Kysely<Database>, sealer: Sealer): Promise<void> {
  const teams = await db.selectFrom('teams').select('id').orderBy('id').execute();
  for (const { id } of teams) {
    await db.transaction().execute(async (tx) => {
      await lockTeam(tx, id);
      const team = await loadTeam(tx, id);
      if (!team) return;
      const tokens: Record<string, TokenSet> = rebuildWorld(sim.world, team.state);
      const store = tokenStore(tx, sealer, id, sim.now);
      for (const [account, t] of Object.entries(tokens)) await store.set(account, t);
    });
  }
  const snap = await kvGet(db, WORLD_KEY);
  if (isWorldSnapshot(snap)) restoreWorld(sim.world, snap);
}
