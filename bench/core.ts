// (c) Core throughput: one year of rule-driven events (R6 reminders, R1 due dates, R5 lapses, scheduled
// posts coming due and their publish outcomes) for 10,000 accounts over the five networks, through
// core/due.ts `runUntil`, which applies each with core/apply.ts `apply`. Deterministic input.
import { type AccountInput, createState, DAY, NETWORKS, runUntil, type StateInput } from '../core/index.ts';
import type { Figure } from './report.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** mulberry32: the same team every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function team(count: number) {
  const r = random(42);
  const users: StateInput['users'] = [
    { id: 'admin', permission: 'all-accounts', superAdmin: true },
    ...Array.from({ length: 20 }, (_, i) => ({ id: `editor-${i}`, permission: 'all-accounts' as const })),
  ];
  const accounts: AccountInput[] = [];
  const posts: NonNullable<StateInput['posts']> = [];
  for (let i = 0; i < count; i++) {
    const network = NETWORKS[i % NETWORKS.length]!;
    const id = `${network}-${i}`;
    const by = users[Math.floor(r() * users.length)]!.id;
    // Connected up to 300 days ago; about 2% disconnected recently (inside their reconnect window).
    const connectedAt = T0 - Math.floor(r() * 300) * DAY;
    const disconnected = r() < 0.02;
    accounts.push({
      id,
      network,
      connectedBy: by,
      connectedAt,
      ...(disconnected ? { state: 'disconnected', disconnectedAt: T0 - 2 * DAY, reason: 'revoked' } : {}),
    } as AccountInput);
    for (let p = 0; p < 4; p++) {
      posts.push({
        id: `${id}-p${p}`,
        account: id,
        state: 'scheduled',
        at: T0 + Math.floor(r() * 365) * DAY + 10 * 3_600_000,
        author: by,
      });
    }
  }
  return createState({ plan: 'enterprise', users, accounts, posts });
}

export function coreFigures(count = 10_000): Figure[] {
  const built = performance.now();
  const state = team(count);
  const setup = performance.now() - built;
  const start = performance.now();
  const { steps } = runUntil(state, T0, T0 + 365 * DAY);
  const seconds = (performance.now() - start) / 1000;
  const kinds: Record<string, number> = {};
  for (const s of steps) kinds[s.event.type] = (kinds[s.event.type] ?? 0) + 1;
  return [
    {
      name: `core: one year of events, ${count.toLocaleString('en-US')} accounts`,
      value: steps.length / seconds,
      unit: 'events/s',
      note: `${steps.length} events in ${seconds.toFixed(2)} s (${JSON.stringify(kinds)}); state built in ${Math.round(setup)} ms`,
    },
  ];
}
