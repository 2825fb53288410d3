// Per-network check limits that hold across processes (runtime's CHECK_CONCURRENCY, issue #15). pg-boss's
// group concurrency keeps most surplus checks queued, but it counts the active jobs inside each fetch: two
// processes fetching at the same moment both see the group idle and both take its whole limit
// (test/server/limits.test.ts measured 8 Facebook checks in flight with a limit of 4). So a check also
// takes one of its network's N slots, transaction-level advisory locks held until its step commits, and
// waits while all N are taken. On PGlite (one process, one connection) steps never overlap anyway.
import { sql } from 'kysely';
import type { Network } from '../core/index.ts';
import type { Tx } from './teams.ts';

/** How long a check waits between looks for a free slot. */
const RETRY_MS = 100;

const slotKey = (network: Network, slot: number) =>
  sql`hashtextextended(${`check-slot:${network}:${slot}`}, 0)`;

/** Takes one of the network's `limit` slots for the rest of `tx()`'s transaction, waiting for one to free. */
export async function takeCheckSlot(tx: () => Tx, network: Network, limit: number): Promise<number> {
  for (;;) {
    for (let slot = 0; slot < limit; slot++) {
      const r = await sql<{
        ok: boolean;
      }>`select pg_try_advisory_xact_lock(${slotKey(network, slot)}) as ok`.execute(tx());
      if (r.rows[0]?.ok) return slot;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
