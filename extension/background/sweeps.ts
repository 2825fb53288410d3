// The extension's share of a health sweep (R11): runtime/sweep.ts checks the batches; here the cursor is
// kept and committed with each batch's results, so a service worker stopped half-way resumes after the
// last batch it committed. Each batch runs under the background's lock, like any other operation.
import type { Engine } from '../../runtime/engine.ts';
import { startSweep, sweepBatch } from '../../runtime/sweep.ts';
import type { Reply } from '../lib/protocol.ts';
import type { Sweep } from '../lib/types.ts';

export type Waited = NonNullable<Extract<Reply, { ok: true }>['askedToWait']>;

/** What a sweep needs from the background. */
export interface SweepHost {
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  engine(): Engine;
  now(): number;
  /** Commits everything the batch changed, the cursor included (`Sweeps.cursor`). */
  persist(): Promise<void>;
}

/** A reply that says which networks had asked to wait, when a person's check went ahead anyway. */
export const answer = (waited: Waited): Reply =>
  waited.length > 0 ? { ok: true, askedToWait: waited } : { ok: true };

export class Sweeps {
  /** The sweep under way, as stored (null when none). */
  cursor: Sweep | null;
  private readonly host: SweepHost;
  private running: Promise<Reply> | null = null;

  constructor(host: SweepHost, cursor: Sweep | null) {
    this.host = host;
    this.cursor = cursor;
  }

  /** Starts a sweep of every connected account, unless one is under way (then it just continues). */
  async start(source: 'user' | 'schedule'): Promise<Reply> {
    await this.host.exclusive(async () => {
      if (this.cursor) return;
      this.cursor = startSweep(this.host.engine().state, this.host.now(), source);
      await this.host.persist();
    });
    return this.resume();
  }

  /**
   * Runs the stored sweep to its end, a batch at a time (R11 backoff is the Engine's: accounts whose
   * retryAt is ahead are skipped unless a person asked).
   */
  resume(): Promise<Reply> {
    // `.finally` runs after the assignment even when there is nothing to do, so a finished run never
    // lingers as "the sweep in progress".
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<Reply> {
    const waited: Waited = [];
    while (this.cursor) await this.host.exclusive(() => this.batch(waited));
    return answer(waited);
  }

  private async batch(waited: Waited): Promise<void> {
    const cursor = this.cursor;
    if (!cursor) return;
    const engine = this.host.engine();
    const now = this.host.now();
    await engine.advance(now, false);
    const { step, next } = await sweepBatch(engine, cursor, now);
    waited.push(...(step.askedToWait ?? []));
    this.cursor = next;
    // The rules due at this instant follow the check, as after any event (in every shell).
    if (!next) await engine.advance(now);
    await this.host.persist();
  }
}
