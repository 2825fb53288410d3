// The fault vocabulary of the simulated world, declared once (issue #14): what a network can do to an
// account or to every call of a network (scenario.md "network-side events"). Scenario files, the extension's
// simulator panel and the team server's fault API all speak it; `inject.ts` says what each does to the mock
// world. Plain data and types, no mocks: the extension's message protocol imports the names.
import type { RuleId } from '../../core/events.ts';
import type { Network } from '../../core/schemas.ts';

/** Faults that hit one account (its grant, or the account itself). */
export const ACCOUNT_FAULT_TYPES = [
  'revoke',
  'expire-token',
  'security',
  'inactive',
  'delete-account',
] as const;
/** Every fault, by the scenario file's names. */
export const FAULT_TYPES = [...ACCOUNT_FAULT_TYPES, 'outage', 'rate-limit', 'respond'] as const;

export type AccountFaultType = (typeof ACCOUNT_FAULT_TYPES)[number];
export type FaultType = (typeof FAULT_TYPES)[number];

/** A fault as the mock world takes it: instants as epoch ms. */
export type Fault =
  | { type: AccountFaultType; account: string }
  | { type: 'outage' | 'rate-limit'; network: Network; until: number }
  | {
      type: 'respond';
      network: Network;
      status: number;
      body: unknown;
      headers?: Record<string, string>;
      times?: number;
    };

/** A fault as scenario files and the server's API write it (`until` an ISO instant; extra fields ignored). */
export type FaultInput =
  | { type: AccountFaultType; account: string }
  | { type: 'outage' | 'rate-limit'; network: Network; until: string }
  | Extract<Fault, { type: 'respond' }>;

/** The rule that will judge each fault's consequence when the product meets it (the event log's tag). */
export const FAULT_RULE: Record<FaultType, RuleId> = {
  revoke: 'R2',
  'expire-token': 'R12',
  security: 'R2',
  inactive: 'R2',
  'delete-account': 'R2',
  outage: 'R11',
  'rate-limit': 'R11',
  respond: 'R11',
};

const TYPES: ReadonlySet<string> = new Set(FAULT_TYPES);
const ACCOUNT_TYPES: ReadonlySet<string> = new Set(ACCOUNT_FAULT_TYPES);

export const isFaultType = (type: string): type is FaultType => TYPES.has(type);
export const isAccountFault = (type: string): type is AccountFaultType => ACCOUNT_TYPES.has(type);

/** A scenario event or API body as the world's fault: `until` read as an instant, nothing else carried over. */
export function faultOf(e: FaultInput): Fault {
  if ('account' in e) return { type: e.type, account: e.account };
  if (e.type === 'respond') {
    const { status, body, headers, times } = e;
    return {
      type: e.type,
      network: e.network,
      status,
      body,
      ...(headers ? { headers } : {}),
      ...(times ? { times } : {}),
    };
  }
  return { type: e.type, network: e.network, until: Date.parse(e.until) };
}
