// Writes the scale scenario of issue #4: 1,000 accounts over the five networks and a year of daily checks,
// with what a real team does in that year (refreshing connections before their due date, publishing, a few
// revocations, outages and rate limits). Deterministic: the same file every time.
// Usage: node scripts/scale-scenario.ts [ACCOUNTS] [DAYS] > scenarios/scale-1000-accounts.json
import { NETWORKS } from '../core/schemas.ts';

const accountsWanted = Number(process.argv[2] ?? 1000);
const days = Number(process.argv[3] ?? 365);
const DAY = 86_400_000;
const start = Date.parse('2026-01-01T00:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

// A tiny deterministic generator (mulberry32) so the file never changes between runs.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const users = [
  { id: 'admin', superAdmin: true, permission: 'all-accounts' },
  ...Array.from({ length: 20 }, (_, i) => ({ id: `editor-${i + 1}`, permission: 'all-accounts' })),
];
const REAUTH_DAYS: Record<string, number | null> = {
  facebook: 90,
  instagram: 90,
  x: 90,
  linkedin: 365,
  youtube: null,
};

type Event = { at: string; type: string; [k: string]: unknown };
const events: Event[] = [];
const accounts = [];
const posts = [];
for (let i = 0; i < accountsWanted; i++) {
  const network = NETWORKS[i % NETWORKS.length]!;
  const id = `${network}-${String(i + 1).padStart(4, '0')}`;
  const by = pick(users).id;
  const interval = REAUTH_DAYS[network];
  const connectedAt = start - Math.floor(random() * (interval ? interval - 10 : 300)) * DAY;
  accounts.push({ id, network, connectedBy: by, connectedAt: iso(connectedAt) });
  // The team refreshes each connection a few days after the R6 reminder, before it is due (R7).
  if (interval) {
    for (let t = connectedAt + (interval - 4) * DAY; t < start + days * DAY; t += (interval - 4) * DAY) {
      if (t > start) events.push({ at: iso(t + 3_600_000), type: 'refresh-connection', account: id, by });
    }
  }
  for (let p = 0; p < 2; p++) {
    const at = start + Math.floor(random() * days) * DAY + 10 * 3_600_000;
    posts.push({ id: `${id}-p${p}`, account: id, state: 'scheduled', at: iso(at), author: by });
  }
  // About 1% of the accounts are revoked at the network at some point of the year.
  if (random() < 0.01)
    events.push({
      at: iso(start + Math.floor(random() * days) * DAY + 7_200_000),
      type: 'revoke',
      account: id,
    });
}
for (let d = 0; d < days; d += 30) {
  const network = pick(NETWORKS);
  const at = start + d * DAY + 5 * 3_600_000;
  events.push({
    at: iso(at),
    type: random() < 0.5 ? 'outage' : 'rate-limit',
    network,
    until: iso(at + 6 * 3_600_000),
  });
}
for (let d = 1; d <= days; d++) events.push({ at: iso(start + d * DAY), type: 'check' });
events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

const scenario = {
  name: `Scale: ${accountsWanted} accounts, ${days} days of daily checks`,
  start: iso(start),
  plan: 'enterprise',
  users,
  accounts,
  posts,
  events,
};
process.stdout.write(`${JSON.stringify(scenario)}\n`);
