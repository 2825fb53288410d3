// runtime/sweep.ts: the one sweep every shell runs (issue #14). The simulator used to apply a check as one
// event in account order, the extension one event per account in the order answers arrived; now every
// shell applies one `checked` event per batch, in account order.
import { describe, expect, it } from 'vitest';
import { type AccountInput, createState, type Network, type Outcome } from '../../core/index.ts';
import { Engine } from '../../runtime/engine.ts';
import {
  CHECK_CONCURRENCY,
  SWEEP_BATCH,
  type SweepCursor,
  startSweep,
  sweep,
  sweepBatch,
} from '../../runtime/sweep.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const NETWORKS: Network[] = ['facebook', 'x', 'linkedin'];

/** Checks answer after a delay that falls with the account's index: later accounts answer first. */
function engine(count: number, more: Partial<AccountInput>[] = []) {
  const order: string[] = [];
  const running = new Map<Network, number>();
  const peak = new Map<Network, number>();
  const accounts: AccountInput[] = Array.from({ length: count }, (_, i) => ({
    id: `acct-${String(i).padStart(3, '0')}`,
    network: NETWORKS[i % NETWORKS.length]!,
    connectedBy: 'ada',
    connectedAt: T0,
    ...more[i],
  }));
  const e = new Engine({
    state: createState({ users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }], accounts }),
    clock: T0,
    connections: {
      check: async (a): Promise<Outcome> => {
        running.set(a.network, (running.get(a.network) ?? 0) + 1);
        peak.set(a.network, Math.max(peak.get(a.network) ?? 0, running.get(a.network)!));
        const index = Number(a.id.slice(5));
        await new Promise((resolve) => setTimeout(resolve, (count - index) % 7));
        running.set(a.network, running.get(a.network)! - 1);
        order.push(a.id);
        return { kind: 'ok' };
      },
      revoke: async () => ({ kind: 'ok' }),
      publish: async () => ({ ok: true, value: { remoteId: 'r' } }),
    },
    flow: async () => ({ ok: false, message: 'none' }),
    tokens: { set: async () => {} },
  });
  return { e, ids: accounts.map((a) => a.id), order, peak };
}

const checked = (step: Awaited<ReturnType<typeof sweep>>[number]) =>
  step.event.type === 'checked' ? step.event.results.map((r) => r.account) : [];

describe('runtime sweep', () => {
  it(`R11: one \`checked\` event per batch of ${SWEEP_BATCH}, outcomes in account order whatever order the answers came in`, async () => {
    const { e, ids, order } = engine(SWEEP_BATCH + 7);
    const steps = await sweep(e, T0, 'schedule');
    expect(order).not.toEqual(ids); // the answers did arrive out of order
    expect(steps.map(checked)).toEqual([ids.slice(0, SWEEP_BATCH), ids.slice(SWEEP_BATCH)]);
    expect(steps.every((s) => s.at === T0 && s.source === 'schedule')).toBe(true);
  });

  it('R11: per-network concurrency never goes over CHECK_CONCURRENCY', async () => {
    const { e, peak } = engine(SWEEP_BATCH);
    await sweep(e, T0, 'schedule');
    for (const [network, most] of peak) expect(most).toBeLessThanOrEqual(CHECK_CONCURRENCY[network]);
    expect(peak.get('facebook')).toBe(CHECK_CONCURRENCY.facebook);
  });

  it('R11: only connected accounts are swept; with none, the sweep is one empty step (a scenario check is one step)', async () => {
    const gone = { state: 'disconnected' as const, disconnectedAt: T0, reason: 'revoked' as const };
    const { e } = engine(2, [gone, gone]);
    const steps = await sweep(e, T0, 'scenario');
    expect(steps.map(checked)).toEqual([[]]);
  });

  it('R11: a sweep resumed from its stored cursor (after a stopped worker) makes the same steps as one run', async () => {
    const whole = await sweep(engine(SWEEP_BATCH * 2 + 3).e, T0, 'schedule');
    const { e } = engine(SWEEP_BATCH * 2 + 3);
    const steps = [];
    let cursor: SweepCursor | null = startSweep(e.state, T0, 'schedule');
    while (cursor) {
      const { step, next } = await sweepBatch(e, cursor, T0);
      steps.push(step);
      // What a service worker stores and a new one loads: plain JSON.
      cursor = next && (JSON.parse(JSON.stringify(next)) as SweepCursor);
    }
    expect(steps.map(checked)).toEqual(whole.map(checked));
    expect(steps).toHaveLength(3);
  });
});
