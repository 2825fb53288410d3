// apply(state, event, now) -> { state, effects, rejected }: the whole connection lifecycle (R1-R12) and the
// settings rules (S1-S8) as one pure function. A refusal leaves the state untouched (same object).
// Each rule family keeps its handlers in core/rules/ (core/README.md says which holds what).
import type { ActionEvent, CoreEvent, Rejection } from './events.ts';
import { CONNECTION } from './rules/connection.ts';
import { DEADLINES } from './rules/deadlines.ts';
import type { ApplyResult, Handler, Handlers } from './rules/kit.ts';
import { OBSERVED } from './rules/observed.ts';
import { PUBLISHING } from './rules/publishing.ts';
import { SETTINGS } from './rules/settings.ts';
import type { State } from './schemas.ts';

export type { ApplyResult, Handlers } from './rules/kit.ts';
export { transientRetry } from './rules/observed.ts';
export { PUBLISH_LEASE } from './rules/publishing.ts';

/** The rule families; each event type is handled by exactly one of them (test/core/handlers.test.ts). */
export const FAMILIES = [CONNECTION, SETTINGS, PUBLISHING, OBSERVED, DEADLINES] as const;

// Typed as `Handlers`: a CoreEvent type that no family handles is a compile error here.
const HANDLERS: Handlers = { ...CONNECTION, ...SETTINGS, ...PUBLISHING, ...OBSERVED, ...DEADLINES };

export function apply(state: State, event: CoreEvent, now: number): ApplyResult {
  const handler = HANDLERS[event.type] as Handler<CoreEvent>;
  return handler(state, event, now);
}

/** Would the action be refused? The shell asks before starting an OAuth flow (R8, S3). */
export function validate(state: State, event: ActionEvent, now: number): Rejection | null {
  return apply(state, event, now).rejected;
}
