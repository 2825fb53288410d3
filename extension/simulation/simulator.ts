// The simulator panel's requests, handled in the service worker of the simulation build: faults injected
// at the mock networks (scenario.md's network-side events), the simulated clock, and a reset to the demo
// team. The clock is the wall clock plus a stored offset that "advance" moves; injected faults are stored
// as a world snapshot, so both survive the browser stopping the service worker.
import { DAY, HOUR, MINUTE, type Network } from '../../core/index.ts';
import { clearWorldFaults, snapshotWorld } from '../../mocks/snapshot.ts';
import type { MockWorld } from '../../mocks/world.ts';
import type { Background, SimRequest } from '../background/service.ts';
import { t } from '../lib/i18n.ts';
import type { SimFault } from '../lib/protocol.ts';
import type { LogEntry } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';

export class SimClock {
  offset: number;
  constructor(offset = 0) {
    this.offset = offset;
  }
  readonly now = (): number => Date.now() + this.offset;
}

type Inject = Extract<SimRequest, { type: 'sim-inject' }>;

/** What each fault does at the mock network, and the rule that will judge its consequence. */
const FAULTS: Record<
  SimFault,
  { rule: LogEntry['rule']; apply: (w: MockWorld, r: Inject, now: number, net: Network) => void }
> = {
  revoke: { rule: 'R2', apply: (w, r) => w.revoke(r.account!) },
  'expire-token': { rule: 'R12', apply: (w, r) => w.expireToken(r.account!) },
  security: { rule: 'R2', apply: (w, r) => w.security(r.account!) },
  inactive: { rule: 'R2', apply: (w, r) => w.inactive(r.account!) },
  'delete-account': { rule: 'R2', apply: (w, r) => w.deleteAccount(r.account!) },
  outage: { rule: 'R11', apply: (w, r, now, net) => w.outage(net, now + (r.amount ?? 1) * HOUR) },
  'rate-limit': { rule: 'R11', apply: (w, r, now, net) => w.rateLimit(net, now + (r.amount ?? 15) * MINUTE) },
  respond: {
    rule: 'R11',
    apply: (w, r, _now, net) => {
      const { status, body, headers, times } = r.response!;
      w.respond(net, { status, body, headers, times });
    },
  },
};

/** Faults that hit one account; the rest hit every call to a network. */
export const ACCOUNT_FAULTS: ReadonlySet<SimFault> = new Set([
  'revoke',
  'expire-token',
  'security',
  'inactive',
  'delete-account',
]);

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
        clock.offset += Math.max(0, to - now);
        await bg.record({ clockOffset: clock.offset });
        // The rules due by the new now fire, each at its own instant (R1, R5, R6, due posts).
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
    if (ACCOUNT_FAULTS.has(req.fault) ? !account : !network)
      return { ok: false, message: t('unknownAccount') };
    if (req.fault === 'respond' && !req.response) return { ok: false, message: t('simBadJson', '') };
    const now = clock.now();
    const fault = FAULTS[req.fault];
    try {
      fault.apply(world, req, now, network!);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // The product learns of it the way it would in real life: at the next check or publish.
    const entry: LogEntry = {
      at: now,
      rule: fault.rule,
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
