// What comes due next, for every shell (issue #14: computed once): the rules' next transition (core's due
// index, `nextTransition`: R1 due dates, R5 lapses, R6 reminders, due posts, S1) and the token upkeep's next
// renewal (runtime/upkeep.ts). The Engine runs them in this order; shells set their alarm or job at `at`.
import type { AccountRef } from '../adapters/connection.ts';
import { nextTransition, type State, type Transition } from '../core/index.ts';
import type { Upkeep } from './upkeep.ts';

export type Due =
  | { kind: 'rule'; at: number; transition: Transition }
  | { kind: 'renewal'; at: number; account: AccountRef };

/**
 * The first thing due in [from, until] (or [from, until) when not `inclusive`). At the same instant the rules
 * go first: a renewal for an account they just disconnected is not made.
 */
export function nextDue(
  state: State,
  from: number,
  upkeep?: Upkeep,
  until = Number.POSITIVE_INFINITY,
  inclusive = true,
): Due | null {
  const rule = nextTransition(state, from, until, inclusive);
  const renewal = upkeep?.next(state, from, until, inclusive) ?? null;
  if (rule && (!renewal || rule.at <= renewal.at)) return { kind: 'rule', at: rule.at, transition: rule };
  return renewal ? { kind: 'renewal', at: renewal.at, account: renewal.account } : null;
}
