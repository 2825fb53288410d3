// (b) A health sweep of 500 connected accounts (100 per network) through the real runtime Engine, the real
// adapters and createConnections, against the mock networks with 50 ms of latency added to every request,
// beside the ideal time the per-network concurrency limits allow: for each network
// ceil(accounts / limit) × latency × requests per check, the slowest network, since networks run in parallel.
import { createConnections, type TokenStore } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import type { TokenSet } from '../adapters/types.ts';
import { type AccountInput, createState, NETWORKS, type Network } from '../core/index.ts';
import { MOCK_CLIENTS } from '../mocks/clients.ts';
import { createMockFetch } from '../mocks/fetch.ts';
import { createWorld } from '../mocks/world.ts';
import { CHECK_CONCURRENCY, Engine } from '../runtime/engine.ts';
import type { Figure } from './report.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface SweepRun {
  ms: number;
  ideal: number;
  calls: Record<Network, number>;
  accounts: Record<Network, number>;
  outcomes: Record<string, number>;
}

export async function sweep(total: number, latency: number): Promise<SweepRun> {
  const world = createWorld({ now: () => T0, seed: 7, logCalls: false });
  const tokens = new Map<string, TokenSet>();
  const store: TokenStore = {
    get: async (id) => tokens.get(id) ?? null,
    set: async (id, t) => void tokens.set(id, t),
  };
  const accounts: AccountInput[] = [];
  const perNetwork = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
  for (let i = 0; i < total; i++) {
    const network = NETWORKS[i % NETWORKS.length]!;
    const id = `${network}-${i}`;
    world.addAccount({ id, network });
    tokens.set(id, world.grant(id, { at: T0 - DAY }));
    accounts.push({ id, network, connectedBy: 'admin', connectedAt: T0 - DAY });
    perNetwork[network]++;
  }
  const state = createState({
    users: [{ id: 'admin', permission: 'all-accounts', superAdmin: true }],
    accounts,
  });
  const mock = createMockFetch(world);
  const calls = Object.fromEntries(NETWORKS.map((n) => [n, 0])) as Record<Network, number>;
  const connections = createConnections({
    adapters: ADAPTERS,
    tokens: store,
    context: (network) => ({
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        calls[network]++;
        await sleep(latency);
        return mock(input, init);
      }) as typeof fetch,
      now: () => T0,
      config: { ...MOCK_CLIENTS[network], redirectUri: 'https://bench.invalid/callback' },
      sleep: async () => undefined,
    }),
  });
  const engine = new Engine({
    state,
    clock: T0,
    connections,
    flow: async () => ({ ok: false, message: 'no consent in a benchmark' }),
    tokens: store,
  });
  const start = performance.now();
  const step = await engine.check(null, T0, 'schedule');
  const ms = performance.now() - start;
  const outcomes: Record<string, number> = {};
  for (const a of engine.state.accounts.list()) {
    const o = a.lastCheck?.outcome ?? 'none';
    outcomes[o] = (outcomes[o] ?? 0) + 1;
  }
  if (step.rejected) throw new Error(`sweep refused: ${step.rejected.message}`);
  const ideal = Math.max(
    ...NETWORKS.map(
      (n) =>
        Math.ceil(perNetwork[n] / CHECK_CONCURRENCY[n]) * latency * (calls[n] / Math.max(perNetwork[n], 1)),
    ),
  );
  return { ms, ideal, calls, accounts: perNetwork, outcomes };
}

export async function sweepFigures(): Promise<Figure[]> {
  await sweep(50, 0); // warm-up: JIT, module state
  const run = await sweep(500, 50);
  if (run.outcomes.ok !== 500)
    throw new Error(`sweep: not every check was ok: ${JSON.stringify(run.outcomes)}`);
  const perCheck = NETWORKS.map((n) => `${n} ${run.calls[n] / run.accounts[n]}`).join(', ');
  return [
    {
      name: 'sweep 500 accounts, 50 ms latency',
      value: run.ms,
      unit: 'ms',
      baseline: { name: 'ideal under CHECK_CONCURRENCY', value: run.ideal },
      ratio: run.ms / run.ideal,
      budget: 'ratio ≤ 1.2',
      ok: run.ms / run.ideal <= 1.2,
      note: `requests per check: ${perCheck}; limits ${JSON.stringify(CHECK_CONCURRENCY)}`,
    },
  ];
}
