// A scenario file's events as the product's loop takes them: app-side events as core actions, network-side
// events as faults of the simulated world (world/faults.ts). Pure: no mocks, no clock.
import type { ActionEvent } from '../core/index.ts';
import type { Scenario, ScenarioEvent } from './scenario.ts';
import { type Fault, type FaultType, faultOf, isFaultType } from './world/faults.ts';

type ScenarioAccess = Scenario['accounts'][number]['access'];

/** S2 lists with both keys, as core takes them. */
export function normalizeAccess(a: ScenarioAccess) {
  if (a === undefined || typeof a === 'string') return a;
  return { users: a.users ?? [], teams: a.teams ?? [] };
}

type NetworkEvent = Extract<ScenarioEvent, { type: FaultType }>;
const isNetworkEvent = (e: ScenarioEvent): e is NetworkEvent => isFaultType(e.type);

/** A network-side event as the world's fault, or null for an app-side event. */
export function faultOfEvent(e: ScenarioEvent): Fault | null {
  return isNetworkEvent(e) ? faultOf(e) : null;
}

/** App-side scenario events as core actions; null for `check` (a sweep, runtime/sweep.ts) and network events. */
export function actionOf(e: ScenarioEvent): ActionEvent | null {
  switch (e.type) {
    case 'publish':
      return { type: 'publish', account: e.account, post: e.post };
    case 'connect':
      return {
        type: 'connect',
        account: e.account,
        network: e.network,
        by: e.by,
        postVisibility: e.postVisibility,
      };
    case 'reconnect':
      return { type: 'reconnect', account: e.account, by: e.by, postVisibility: e.postVisibility };
    case 'refresh-connection':
    case 'disconnect':
    case 'set-default':
    case 'set-autopublish':
    case 'assign-brand':
    case 'set-digest':
    case 'blog-post': {
      const { at: _at, ...rest } = e;
      return rest;
    }
    case 'set-access':
      return { type: 'set-access', account: e.account, by: e.by, access: normalizeAccess(e.access)! };
    default:
      return null;
  }
}
