// The simulator panel's requests, handled in the service worker of the simulation build: faults injected
// at the mock networks (the fault vocabulary of sim/world/faults.ts, the scenario file's network events),
// the simulated clock, and a reset to the demo team. The clock is the wall clock plus a stored offset that
// "advance" moves (sim/world/clock.ts); injected faults are stored as a world snapshot, so both survive
// the browser stopping the service worker.
import { DAY, HOUR, MINUTE, type Network } from '../../core/index.ts';
import { clearWorldFaults, snapshotWorld } from '../../mocks/snapshot.ts';
import type { MockWorld } from '../../mocks/world.ts';
import type { SimClock } from '../../sim/world/clock.ts';
import { FAULT_RULE, type Fault, isAccountFault } from '../../sim/world/faults.ts';
import { injectFault } from '../../sim/world/inject.ts';
import type { SimRequest } from '../background/mode.ts';
import type { Background } from '../background/service.ts';
import { t } from '../lib/i18n.ts';
import type { LogEntry } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';

export { SimClock } from '../../sim/world/clock.ts';

type Inject = Extract<SimRequest, { type: 'sim-inject' }>;

/** Faults that last: the panel's `amount` counts in this unit, one of them when none is given. */
const DURATION = { outage: HOUR, 'rate-limit': MINUTE } as const;
const DEFAULT_AMOUNT = { outage: 1, 'rate-limit': 15 } as const;

/** The request as the world's fault at `now`; `until` (an instant) wins over `amount` (from now). */
function faultOf(req: Inject, account: string | undefined, network: Network, now: number): Fault | null {
  if (isAccountFault(req.fault)) return { type: req.fault, account: account! };
  if (req.fault === 'respond') return req.response ? { type: 'respond', network, ...req.response } : null;
  const until = req.until ?? now + (req.amount ?? DEFAULT_AMOUNT[req.fault]) * DURATION[req.fault];
  return { type: req.fault, network, until };
}

export interface SimulatorDeps {
  world: MockWorld;
  clock: SimClock;
}

export function createSimulator({ world, clock }: SimulatorDeps) {
  return async function simulate(req: SimRequest, bg: Background): Promise<Reply> {
    switch (req.type) {
      case 'sim-inject':
        return inject(req, bg);
      case 'sim-advance': {
        const now = clock.now();
        const to = req.next ? bg.nextDue() : now + (req.ms ?? 0);
        if (to === null) return { ok: false, message: t('simNothingDue') };
        clock.advanceTo(to);
        await bg.record({ clockOffset: clock.offset });
        // What is due by the new now fires, each at its own instant (R1, R5, R6, due posts, renewals).
        await bg.wake();
        return { ok: true };
      }
      case 'sim-reset':
        clearWorldFaults(world);
        clock.offset = 0;
        await bg.reseed({ clockOffset: 0, world: snapshotWorld(world) });
        return { ok: true };
    }
  };

  async function inject(req: Inject, bg: Background): Promise<Reply> {
    const account = req.account ? bg.state.accounts.get(req.account) : undefined;
    const network = account?.network ?? req.network;
    if (isAccountFault(req.fault) ? !account : !network) return { ok: false, message: t('unknownAccount') };
    const now = clock.now();
    const fault = faultOf(req, account?.id, network!, now);
    if (!fault) return { ok: false, message: t('simBadJson', '') };
    try {
      injectFault(world, fault);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // The product learns of it the way it would in real life: at the next check, renewal or publish.
    const entry: LogEntry = {
      at: now,
      rule: FAULT_RULE[req.fault],
      account: account?.id ?? '',
      message: `${req.fault}${req.amount ? ` ${req.amount}` : ''}${account ? '' : ` (${network})`}`,
      key: req.amount ? 'injectedFor' : 'injected',
      params: { fault: req.fault, network: network!, ...(req.amount ? { amount: req.amount } : {}) },
      source: 'simulator',
    };
    await bg.record({ world: snapshotWorld(world), log: [entry] });
    return { ok: true };
  }
}

export const ADVANCE = { hour: HOUR, day: DAY } as const;
