// (c) Core throughput: one year of rule-driven events (R6 reminders, R1 due dates, R5 lapses, scheduled
// posts coming due and their publish outcomes) for 10,000 accounts over the five networks, through
// core/due.ts `runUntil`, which applies each with core/apply.ts `apply`. Deterministic input.
import {
  type AccountInput,
  createState,
  DAY,
  NETWORKS,
  POLICY,
  runUntil,
  type StateInput,
} from '../core/index.ts';
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
    // Connected (or last active, for X) at a random day inside the network's re-authorization interval, so
    // nothing is overdue at the start; about 2% disconnected recently (inside their reconnect window).
    const interval = (POLICY[network].reauth?.after ?? 300 * DAY) / DAY;
    const connectedAt = T0 - Math.floor(r() * (interval - 1)) * DAY;
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

/** Events per second over one year (or the days that fit in `limitSeconds`, for very large teams). */
export function year(count: number, limitSeconds = Number.POSITIVE_INFINITY) {
  let state = team(count);
  const kinds: Record<string, number> = {};
  let events = 0;
  let days = 0;
  const start = performance.now();
  // A day at a time, so the steps (each holds the state after it) are dropped as the year goes on: one
  // runUntil over the whole year keeps ~45,000 states of 10,000 accounts alive and runs out of memory.
  // Windows are half-open [day, next day); the last one includes the year's end.
  while (days < 365 && (performance.now() - start) / 1000 < limitSeconds) {
    const from = T0 + days * DAY;
    const run = runUntil(state, from, from + DAY, undefined, days === 364);
    state = run.state;
    events += run.steps.length;
    for (const s of run.steps) kinds[s.event.type] = (kinds[s.event.type] ?? 0) + 1;
    days++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { events, days, seconds, rate: events / seconds, kinds };
}

/**
 * 10,000 accounts for a year, beside 1,000 accounts for a year. CORE_LIMIT_S (default 90) caps the large
 * run's wall time: it then covers the first days of the year only and the rate is over those days (each
 * event costs O(accounts) in core today, see the note); CORE_LIMIT_S=0 runs the whole year.
 */
export function coreFigures(count = 10_000): Figure[] {
  const limit = Number(process.env.CORE_LIMIT_S ?? 90) || Number.POSITIVE_INFINITY;
  const small = year(1000);
  const large = year(count, limit);
  const projected =
    large.days < 365
      ? `; whole year projected ≈ ${Math.round((large.seconds * 365) / large.days / 60)} min`
      : '';
  return [
    {
      name: `core: one year of events, ${count.toLocaleString('en-US')} accounts`,
      value: large.rate,
      unit: 'events/s',
      baseline: { name: '1,000 accounts', value: small.rate },
      ratio: large.rate / small.rate,
      note:
        `${large.events} events over ${large.days} of 365 days in ${large.seconds.toFixed(1)} s${projected} ` +
        `(${JSON.stringify(large.kinds)}); 1,000 accounts: ${small.events} events over the year in ${small.seconds.toFixed(1)} s`,
    },
  ];
}
