// Per-network check limits that hold across processes (runtime's CHECK_CONCURRENCY, issue #15). pg-boss's
// group concurrency cannot do it: it counts the active jobs inside each fetch, so two processes fetching at
// the same moment both see a group idle and both take its whole limit (test/server/limits.test.ts measured
// 8 Facebook checks in flight with a limit of 4), and a job of the daily sweep is a batch of one team's
// accounts of every network (runtime/sweep.ts). So each check takes one of its network's N slots, a
// session-level advisory lock on its step's connection, for as long as it talks to the network, and hands
// it to the step's next check of that network, or gives it back at once when there is none. A step holding
// no slot of a network has one of its checks look for a free one every RETRY_MS (the step's others wait
// behind it), and at once when a process says it gave one back (SlotSignals: a NOTIFY on its own
// connection, since the step's transaction would hold it until commit): issue #20 measured the polling
// alone leaving a freed slot idle for up to RETRY_MS, the sweep's fifth above its ideal.
// On PGlite (one process, one connection) steps never overlap; the set of slots a step holds keeps its own
// checks apart (a session may take one lock twice).
import { type Kysely, sql } from 'kysely';
import type { Network } from '../core/index.ts';
import { CHANNEL, type NoticeHandlers } from './db/notices.ts';
import type { Database } from './db/types.ts';
import type { Tx } from './teams.ts';

const RETRY_MS = 100;

type On = Tx | Kysely<Database>;
type Waiter = { resolve: (slot: string) => void; reject: (error: unknown) => void };
const slotKey = (name: string) => sql`hashtextextended(${`check-slot:${name}`}, 0)`;

/** Between processes: "a slot of this network is free" (NOTIFY), and waiting for that or RETRY_MS. */
export class SlotSignals {
  private readonly waiting = new Map<Network, Set<() => void>>();
  private readonly say: Kysely<Database> | null;
  readonly handlers: NoticeHandlers = {
    notice: (payload) => this.wake(payload.split(' ')[1] as Network),
    // Notices may have been missed: everyone looks now.
    gap: () => {
      for (const network of this.waiting.keys()) this.wake(network);
    },
  };

  /** `say`: a connection outside every step (PostgreSQL's autonomous pool); null: one process, nothing to say. */
  constructor(say: Kysely<Database> | null) {
    this.say = say;
  }

  freed(network: Network): void {
    if (!this.say) return;
    sql`select pg_notify(${CHANNEL}, ${`slot ${network}`})`.execute(this.say).catch(() => {});
  }

  /** Resolves when a slot of the network is said to be free, or after `ms` at the latest. */
  wait(network: Network, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const all = this.waiting.get(network) ?? new Set();
      this.waiting.set(network, all);
      const done = () => {
        clearTimeout(timer);
        all.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      all.add(done);
    });
  }

  private wake(network: Network): void {
    for (const done of [...(this.waiting.get(network) ?? [])]) done();
  }
}

const NO_SIGNALS = new SlotSignals(null);

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
  private readonly signals: SlotSignals;

  constructor(on: () => On, limits: Record<Network, number>, signals: SlotSignals = NO_SIGNALS) {
    this.on = on;
    this.limits = limits;
    this.signals = signals;
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
        await this.signals.wait(network, RETRY_MS);
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
    this.signals.freed(name.slice(0, name.indexOf(':')) as Network);
  }

  /** At the end of the step, outside any transaction: session locks outlive a rolled-back transaction. */
  async releaseAll(on: On): Promise<void> {
    this.closed = true;
    this.idle.clear();
    for (const name of [...this.held]) await this.unlock(name, on).catch(() => {});
  }
}
