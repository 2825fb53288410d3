// A health sweep of every connected account (R11), the same in every shell (issue #14). The accounts are
// taken in account order when the sweep starts and checked in batches of SWEEP_BATCH: each batch is one
// `checked` event with its outcomes in account order, whatever order the networks answered in, so the same
// inputs give the same steps in the simulator, the extension and the server. Inside a batch the checks run
// with per-network concurrency (CHECK_CONCURRENCY). The cursor is plain data: a shell that can be stopped
// half-way (the extension's service worker) stores it with each batch's results and resumes after the last
// batch it committed; a shell that cannot (the simulator) runs every batch at once.
import type { Network, State } from '../core/index.ts';
import type { Engine } from './engine.ts';
import type { EngineStep, StepSource } from './steps.ts';

/** Per-network concurrency for health checks: modest, so a sweep never trips a network's rate limits. */
export const CHECK_CONCURRENCY: Record<Network, number> = {
  facebook: 4,
  instagram: 4,
  x: 2,
  linkedin: 2,
  youtube: 4,
};

/** Accounts per batch: a stopped service worker redoes at most this many checks. */
export const SWEEP_BATCH = 25;

export interface SweepCursor {
  startedAt: number;
  /** Account ids to check, in account order. */
  ids: string[];
  /** How many of `ids` are done. */
  done: number;
  /**
   * Who asked: a person (`user`: the R11 backoff is ignored and the steps say when a network had asked to
   * wait, issue #13) or a schedule. Cursors stored before issue #14 have none: a scheduled sweep.
   */
  source?: StepSource;
}

/** A sweep of every account connected now, in account order (accounts connected later wait for the next). */
export function startSweep(state: State, now: number, source: StepSource): SweepCursor {
  const ids = state.accounts
    .list()
    .filter((a) => a.status === 'connected')
    .map((a) => a.id);
  return { startedAt: now, ids, done: 0, source };
}

/**
 * Checks the cursor's next batch at `now` as one `checked` event. Returns the step and the cursor after
 * it, or null when the sweep is over. A sweep with nothing to check still makes its one (empty) step, so a
 * scenario's `check` is always one step (scenario.md).
 */
export async function sweepBatch(
  engine: Engine,
  cursor: SweepCursor,
  now: number,
): Promise<{ step: EngineStep; next: SweepCursor | null }> {
  const batch = cursor.ids.slice(cursor.done, cursor.done + SWEEP_BATCH);
  const step = await engine.checkBatch(batch, now, cursor.source ?? 'schedule');
  const done = cursor.done + batch.length;
  return { step, next: done < cursor.ids.length ? { ...cursor, done } : null };
}

/** A whole sweep at one instant, every batch in turn (for a shell nothing stops half-way). */
export async function sweep(engine: Engine, now: number, source: StepSource): Promise<EngineStep[]> {
  const steps: EngineStep[] = [];
  for (let cursor: SweepCursor | null = startSweep(engine.state, now, source); cursor; ) {
    const { step, next } = await sweepBatch(engine, cursor, now);
    steps.push(step);
    cursor = next;
  }
  return steps;
}
