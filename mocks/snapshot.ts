// A world's injected faults as plain JSON, so the extension's simulator can store them (IndexedDB) and put
// them back when the service worker restarts. Identities and tokens are not in it: they follow from the
// seed and the account ids, and the extension re-grants its connected accounts on every start. What a
// restart would otherwise lose is what a tester injected: per account the fault on its current grant and
// the deleted flag, and per network the outage, rate limit and queued raw responses.
import type { Network } from '../core/schemas.ts';
import type { CannedResponse, Fault } from './state.ts';
import { internals, type MockWorld } from './world.ts';

export interface WorldSnapshot {
  version: 1;
  accounts: Array<{ id: string; deleted: boolean; fault: Fault | null; faultAt: number }>;
  outages: Array<[Network, number]>;
  rateLimits: Array<[Network, number]>;
  canned: Array<[Network, CannedResponse[]]>;
}

export function snapshotWorld(world: MockWorld): WorldSnapshot {
  const s = internals(world);
  const accounts: WorldSnapshot['accounts'] = [];
  for (const [id, a] of s.accounts) {
    // A later consent starts a clean grant, so only the newest grant's fault is still in force.
    const grant = a.grants.at(-1);
    const fault = grant?.fault ?? null;
    if (fault || a.identity.deleted) {
      accounts.push({ id, deleted: a.identity.deleted, fault, faultAt: grant?.faultAt ?? 0 });
    }
  }
  return {
    version: 1,
    accounts,
    outages: [...s.outages],
    rateLimits: [...s.rateLimits],
    canned: [...s.canned].map(([n, q]) => [n, q.map((c) => ({ ...c, headers: { ...c.headers } }))]),
  };
}

/**
 * Puts a snapshot's faults back on a world whose accounts were added (and re-granted) again. Every grant
 * of a faulted account gets the fault, as the fault hit every token it had given out.
 */
export function restoreWorld(world: MockWorld, snap: WorldSnapshot): void {
  const s = internals(world);
  for (const saved of snap.accounts) {
    const a = s.accounts.get(saved.id);
    if (!a) continue;
    a.identity.deleted = saved.deleted;
    if (saved.fault) {
      for (const g of a.grants) {
        g.fault = saved.fault;
        g.faultAt = saved.faultAt;
      }
    }
  }
  s.outages = new Map(snap.outages);
  s.rateLimits = new Map(snap.rateLimits);
  s.canned = new Map(snap.canned.map(([n, q]) => [n, q.map((c) => ({ ...c }))]));
}

/** Forgets every injected network-wide fault and deletion (a reset to the demo team re-grants accounts). */
export function clearWorldFaults(world: MockWorld): void {
  const s = internals(world);
  for (const a of s.accounts.values()) a.identity.deleted = false;
  s.outages.clear();
  s.rateLimits.clear();
  s.canned.clear();
}

export function isWorldSnapshot(value: unknown): value is WorldSnapshot {
  return (value as WorldSnapshot | null)?.version === 1;
}
