// From the loop's steps to the report's (scenario.md "Report"): each step with the accounts after it, either
// every account or, with `changedOnly`, only those a reader would see change.
import type { Account, Notification, Rejection, State } from '../core/index.ts';
import { snapshot } from '../core/index.ts';
import type { EngineEvent, EngineStep } from '../runtime/steps.ts';
import {
  accountsAt,
  changedAccounts,
  formatNotification,
  formatSnapshot,
  iso,
  type ReportStep,
} from './report.ts';

/** One report step as the run made it, with the state right after it. */
export interface Stepped {
  at: number;
  source: ReportStep['source'];
  /** As the report shows it: the scenario's own event, or a rule's without its internal `due`. */
  event: ReportStep['event'];
  rejected: Rejection | null;
  notifications: Notification[];
  state: State;
}

/** Rule events lose their internal `due`. */
export function publicEvent(event: EngineEvent): ReportStep['event'] {
  if (!('due' in event)) return event;
  const { due: _due, ...rest } = event;
  return rest;
}

/** A rule step of the engine (a transition or a renewal) with the state after it. */
export const ruleStep = (step: EngineStep, state: State): Stepped => ({
  at: step.at,
  source: 'rule',
  event: publicEvent(step.event),
  rejected: step.rejected,
  notifications: step.notifications,
  state,
});

/**
 * A scenario event reported as one step, whatever number of engine steps it took (a sweep checks in
 * batches, runtime/sweep.ts): the first refusal, every notification in order, the state after the last.
 */
export function scenarioStep(
  event: ReportStep['event'],
  at: number,
  steps: readonly EngineStep[],
  state: State,
): Stepped {
  return {
    at,
    source: 'scenario',
    event,
    rejected: steps.find((s) => s.rejected)?.rejected ?? null,
    notifications: steps.flatMap((s) => s.notifications),
    state,
  };
}

/**
 * For `changedOnly`: does the account differ in anything a reader follows? Status, reason, dates, settings,
 * posts, or the outcome of its last check; a routine check that only moved `lastCheck.at` does not count.
 * States are immutable, so an untouched account is the very same object.
 */
function differs(a: Account, b: Account | undefined, postsChanged: boolean): boolean {
  if (!b) return true;
  if (postsChanged) return true;
  if (a === b) return false;
  // for-in walks the same own keys as Object.keys without building their array (every checked account, every day).
  for (const name in a) {
    const key = name as keyof typeof a;
    if (key === 'lastCheck' || key === 'stats') continue;
    if (a[key] !== b[key]) return true;
  }
  return a.lastCheck?.outcome !== b.lastCheck?.outcome;
}

export function toReport(s: Stepped, before: State | null, changedOnly: boolean): ReportStep {
  const { state } = s;
  const changed = changedOnly
    ? before
      ? changedAccounts(before, state, differs)
      : state.accounts.list()
    : [];
  return {
    at: iso(s.at)!,
    event: s.event,
    source: s.source,
    rejected: s.rejected ? { rule: s.rejected.rule, message: s.rejected.message } : null,
    accounts: changedOnly
      ? changed.map((account) => formatSnapshot(snapshot(state, account, s.at)))
      : accountsAt(state, s.at),
    notifications: s.notifications.map(formatNotification),
  };
}
