// What each fault of the vocabulary (faults.ts) does at the mock networks, once for every shell that
// simulates (issue #14). The product learns of it the way it would in real life: at the next check,
// renewal or publish.
import type { Network } from '../../core/schemas.ts';
import type { MockWorld } from '../../mocks/world.ts';
import type { AccountFaultType, Fault } from './faults.ts';

const ON_ACCOUNT: Record<AccountFaultType, (w: MockWorld, account: string) => void> = {
  revoke: (w, a) => w.revoke(a),
  'expire-token': (w, a) => w.expireToken(a),
  security: (w, a) => w.security(a),
  inactive: (w, a) => w.inactive(a),
  'delete-account': (w, a) => w.deleteAccount(a),
};

const ON_NETWORK: Record<'outage' | 'rate-limit', (w: MockWorld, network: Network, until: number) => void> = {
  outage: (w, n, until) => w.outage(n, until),
  'rate-limit': (w, n, until) => w.rateLimit(n, until),
};

/** Puts the fault on the world; throws what the world says about an impossible one (an unknown account). */
export function injectFault(world: MockWorld, fault: Fault): void {
  if ('account' in fault) ON_ACCOUNT[fault.type](world, fault.account);
  else if (fault.type === 'respond') {
    const { status, body, headers, times } = fault;
    world.respond(fault.network, { status, body, headers, times });
  } else ON_NETWORK[fault.type](world, fault.network, fault.until);
}
