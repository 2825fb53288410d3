// What the one loop reports after each event it applied (runtime/engine.ts): a step, typed by its event, so a
// shell reads a check's results or a reminder's due date without casting (issue #14).
import type {
  ActionEvent,
  Effect,
  Notification,
  ObservedEvent,
  Rejection,
  RuleEvent,
} from '../core/index.ts';

/** What set a step off: a scenario event, a rule or renewal coming due, a person, a scheduled sweep. */
export type StepSource = 'scenario' | 'rule' | 'user' | 'schedule';

/** A health check's outcomes, one per account checked, in account order (never in order of arrival). */
export type CheckedEvent = Extract<ObservedEvent, { type: 'checked' }>;
export type CheckResult = CheckedEvent['results'][number];

/** The product renewed an account's token at its own instant (scenario.md `renew` rule step, R12). */
export type RenewEvent = { type: 'renew'; account: string };

/** Every event a step can carry: a person's action, a check, a rule transition, a renewal. */
export type EngineEvent = ActionEvent | CheckedEvent | RuleEvent | RenewEvent;
export type EngineEventType = EngineEvent['type'];

/**
 * A step. `event` is a discriminated union by `type`: `step.event.type === 'checked'` gives
 * `step.event.results`, `'reminder'` its `due`, with no cast in any shell.
 */
export interface EngineStep {
  at: number;
  source: StepSource;
  rejected: Rejection | null;
  effects: Effect[];
  notifications: Notification[];
  /** A person's check that went ahead although the network had asked to wait until `until` (issue #13). */
  askedToWait?: Array<{ account: string; until: number }>;
  event: EngineEvent;
}

/** The account a step is about: its event's own, or the only one a check looked at; null for team-wide steps. */
export function stepAccount(event: EngineEvent): string | null {
  if (event.type === 'checked') return event.results.length === 1 ? event.results[0]!.account : null;
  return 'account' in event ? event.account : null;
}

/** Who acted (an action's `by`, or the user whose digest changed); null for rules, checks and renewals. */
export function stepActor(event: EngineEvent): string | null {
  if ('by' in event && typeof event.by === 'string') return event.by;
  return event.type === 'set-digest' ? event.user : null;
}
