// What every rule family builds its answers with: the result of `apply`, the handler-table types that make
// a missing handler a type error (apply.ts), and the small helpers the handlers share.
import type { CoreEvent, Effect, Rejection, RuleId } from '../events.ts';
import { type LogKey, type Message, type MessageParams, MSG, render, renderLog } from '../messages.ts';
import type { Account, Post, State, User } from '../schemas.ts';

export interface ApplyResult {
  state: State;
  effects: Effect[];
  rejected: Rejection | null;
}

export type EventType = CoreEvent['type'];
export type EventOf<T extends EventType> = Extract<CoreEvent, { type: T }>;
export type Handler<E> = (state: State, event: E, now: number) => ApplyResult;

/** A rule family's table: exactly one handler for each event type it names. */
export type Family<T extends EventType> = { [K in T]: Handler<EventOf<K>> };
/** Every event type's handler: apply.ts merges the families into this, so one left out does not compile. */
export type Handlers = Family<EventType>;

export const reject = (state: State, rule: RuleId, m: Message): ApplyResult => ({
  state,
  effects: [],
  rejected: { rule, message: render(m), key: m.key, params: m.params },
});
export const ok = (state: State, effects: Effect[] = []): ApplyResult => ({ state, effects, rejected: null });

export function withAccount(state: State, account: Account, posts?: Post[]): State {
  return {
    ...state,
    accounts: state.accounts.set(account.id, account),
    posts: posts ? state.posts.set(account.id, posts) : state.posts,
  };
}

export const postsOf = (state: State, accountId: string): Post[] => state.posts.get(accountId) ?? [];

export interface Actor {
  account: Account;
  user: User;
}
export interface Refusal {
  rule: RuleId;
  m: Message;
}

/** Resolve `account` and `by`, or say which one is unknown. */
export function actor(state: State, accountId: string, userId: string, rule: RuleId): Actor | Refusal {
  const account = state.accounts.get(accountId);
  if (!account) return { rule, m: MSG.unknownAccount(accountId) };
  const user = state.users[userId];
  if (!user) return { rule, m: MSG.unknownUser(userId) };
  return { account, user };
}
export const isRejection = (x: Actor | Refusal): x is Refusal => 'rule' in x;

export const log = (
  rule: RuleId,
  account: string | null,
  key: LogKey,
  params: MessageParams = {},
): Effect => ({
  type: 'log',
  rule,
  account,
  key,
  params,
  message: renderLog({ key, params }),
});
