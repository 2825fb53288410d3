// Per-network check limits that hold across processes (runtime's CHECK_CONCURRENCY, issue #15). pg-boss's
// group concurrency cannot do it: it counts the active jobs inside each fetch, so two processes fetching at
// the same moment both see a group idle and both take its whole limit (test/server/limits.test.ts measured
// 8 Facebook checks in flight with a limit of 4), and a job of the daily sweep is a batch of one team's
// accounts of every network (runtime/sweep.ts). So each check takes one of its network's N slots, a
// session-level advisory lock on its step's connection, for as long as it talks to the network, and hands
// it to the step's next check of that network, or gives it back at once when there is none. A step holding
// no slot of a network has one of its checks look for a free one every RETRY_MS (the step's others wait
// behind it): N steps waiting find a slot freed by another process within about RETRY_MS / N.
// On PGlite (one process, one connection) steps never overlap; the set of slots a step holds keeps its own
// checks apart (a session may take one lock twice).
import { type Kysely, sql } from 'kysely';
import type { Network } from '../core/index.ts';
import type { Database } from './db/types.ts';
import type { Tx } from './teams.ts';

const RETRY_MS = 100;

type On = Tx | Kysely<Database>;
type Waiter = { resolve: (slot: string) => void; reject: (error: unknown) => void };
const slotKey = (name: string) => sql`hashtextextended(${`check-slot:${name}`}, 0)`;

export class CheckSlots {
  /** Slots this step holds or is asking for. */
  private readonly held = new Set<string>();
  /** Checks of this step waiting for a slot of the network, first come first served. */
  private readonly waiting = new Map<Network, Waiter[]>();
  private readonly polling = new Set<Network>();
  /** Slots a check just gave back, kept for this step's next check of the network until the next turn. */
  private readonly idle = new Map<Network, string[]>();
  private closed = false;

  private readonly on: () => On;
  private readonly limits: Record<Network, number>;

  constructor(on: () => On, limits: Record<Network, number>) {
    this.on = on;
    this.limits = limits;
  }

  /** Waits for one of the network's slots; returns its release (which never waits). */
  async take(network: Network): Promise<() => void> {
    const queue = this.waiting.get(network) ?? [];
    this.waiting.set(network, queue);
    const kept = this.idle.get(network)?.pop();
    if (kept) return () => this.handOn(network, kept);
    const free = queue.length ? null : await this.tryFree(network);
    const slot =
      free ??
      (await new Promise<string>((resolve, reject) => {
        queue.push({ resolve, reject });
        void this.poll(network);
      }));
    return () => this.handOn(network, slot);
  }

  /** One of the network's slots nobody holds, locked for this step's session, or null. */
  private async tryFree(network: Network): Promise<string | null> {
    for (let i = 0; i < this.limits[network]; i++) {
      const name = `${network}:${i}`;
      if (this.held.has(name)) continue;
      this.held.add(name);
      const r = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${slotKey(name)}) as ok`.execute(
        this.on(),
      );
      if (r.rows[0]?.ok) return name;
      this.held.delete(name);
    }
    return null;
  }

  private async poll(network: Network): Promise<void> {
    if (this.polling.has(network)) return;
    this.polling.add(network);
    const queue = this.waiting.get(network)!;
    try {
      while (queue.length && !this.closed) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        // The step's own checks may have served every waiter meanwhile, and the step may be over: its
        // connection then belongs to another step, which must not be given a lock it would never release.
        if (!queue.length || this.closed) break;
        const slot = await this.tryFree(network);
        // The step's own checks may have handed their slots on meanwhile and left nobody waiting.
        if (slot) this.handOn(network, slot);
      }
    } catch (error) {
      // The step's transaction failed: its waiting checks fail with it (the step rolls back).
      for (const waiter of queue.splice(0)) waiter.reject(error);
    } finally {
      this.polling.delete(network);
    }
  }

  /**
   * The step's next check of the network takes the slot over. Without one waiting, the slot is kept until
   * the next turn of the event loop (the check's lane starts its next check at once, with no query), then
   * unlocked for the other steps.
   */
  private handOn(network: Network, slot: string): void {
    const next = this.waiting.get(network)?.shift();
    if (next) {
      next.resolve(slot);
      return;
    }
    if (this.closed) return;
    const idle = this.idle.get(network) ?? [];
    this.idle.set(network, idle);
    idle.push(slot);
    setImmediate(() => {
      const at = idle.indexOf(slot);
      if (at < 0 || this.closed) return;
      idle.splice(at, 1);
      // Failed (the step's transaction aborted): still held, so releaseAll gives it back.
      this.unlock(slot, this.on()).catch(() => {});
    });
  }

  private async unlock(name: string, on: On): Promise<void> {
    await sql`select pg_advisory_unlock(${slotKey(name)})`.execute(on);
    this.held.delete(name);
  }

  /** At the end of the step, outside any transaction: session locks outlive a rolled-back transaction. */
  async releaseAll(on: On): Promise<void> {
    this.closed = true;
    this.idle.clear();
    for (const name of [...this.held]) await this.unlock(name, on).catch(() => {});
  }
}
