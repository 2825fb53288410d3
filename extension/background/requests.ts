// The popup's and settings page's requests that are a person's action, as the core event each stands for,
// done as the current user (R3, R4, R7, R8, R10, S1-S8 decide; a refusal changes nothing and says why).
import type { ActionEvent, Rejection } from '../../core/index.ts';
import type { Reply, Request } from '../lib/protocol.ts';

export type ActionType =
  | 'connect'
  | 'reconnect'
  | 'refresh-connection'
  | 'disconnect'
  | 'set-access'
  | 'set-default'
  | 'set-autopublish'
  | 'assign-brand'
  | 'set-digest';
type ActionRequest = { [T in ActionType]: Extract<Request, { type: T }> };

/** Most requests are the action itself, done by the current user. */
const byMe = <R extends ActionRequest[ActionType]>(r: R, me: string) => ({ ...r, by: me });

const ACTIONS: { [T in ActionType]: (request: ActionRequest[T], me: string) => ActionEvent } = {
  // A new account gets a fresh id here; the consent decides whether it is new after all (runtime/identity.ts).
  connect: (r, me) => ({ ...r, account: newAccountId(r.network), by: me }),
  reconnect: byMe,
  'refresh-connection': byMe,
  disconnect: byMe,
  'set-access': byMe,
  'set-default': byMe,
  'set-autopublish': byMe,
  'assign-brand': byMe,
  // S7: a digest setting is the current user's own.
  'set-digest': (r, me) => ({ ...r, user: me }),
};

/** An id no account has: the network and a random part (ids are never shown; names come from the network). */
export const newAccountId = (network: string) => `${network}-${crypto.randomUUID().slice(0, 8)}`;

/** Whether the request is a person's action (the rest are the background's own: wake, checks, simulation). */
export const isAction = (r: Request): r is ActionRequest[ActionType] => r.type in ACTIONS;

/** The action the request stands for, as `me` (the entry for its own type: a correlated lookup, no cast). */
export const actionOf = <T extends ActionType>(request: ActionRequest[T] & { type: T }, me: string) =>
  ACTIONS[request.type](request, me);

/** What a page needs to say a refusal in its reader's language (lib/refusal.ts). */
export function refusalOf(r: Rejection): Omit<Extract<Reply, { ok: false }>, 'ok'> {
  return {
    message: r.message,
    rule: r.rule,
    ...(r.key ? { key: r.key } : {}),
    ...(r.params ? { params: r.params } : {}),
  };
}
