// The request bodies for a member's actions, derived from core's own ActionEvent schemas (so a field core
// accepts is a field the API accepts): `by` (and set-digest's `user`) is the signed-in member, never the
// body; consent-based actions go through /api/consent instead; `check` asks for a health check now.
import { z } from 'zod';
import { omit, type ZodMiniObject } from 'zod/mini';
import { ActionEvent, PostVisibility } from '../../core/index.ts';
import { NETWORKS } from '../../core/schemas.ts';

const CONSENT = new Set(['connect', 'reconnect', 'refresh-connection']);

// Core's schemas are zod/mini ones (core/README.md): no methods, so omit() and def instead of .omit/.value.
const fromCore = (ActionEvent.def.options as readonly ZodMiniObject[])
  .filter((o) => !CONSENT.has((o.shape.type as z.core.$ZodLiteral<string>)._zod.def.values[0]!))
  .map((o) => {
    const drop = Object.fromEntries(
      ['by', 'user'].filter((k) => k in o.shape).map((k) => [k, true as const]),
    );
    return omit(o, drop as never) as ZodMiniObject;
  });

export const MemberAction = z
  .discriminatedUnion('type', [
    ...(fromCore as [ZodMiniObject, ...ZodMiniObject[]]),
    z.strictObject({ type: z.literal('check'), account: z.string().min(1).optional() }),
  ])
  .meta({ id: 'MemberAction' });

export type MemberAction =
  | DistributiveOmit<
      Exclude<ActionEvent, { type: 'connect' | 'reconnect' | 'refresh-connection' }>,
      'by' | 'user'
    >
  | { type: 'check'; account?: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The core event for a member's action, `by` (or `user`) filled in with the member. */
export function toCoreEvent(action: Exclude<MemberAction, { type: 'check' }>, user: string): ActionEvent {
  if (action.type === 'set-digest') return { ...action, user } as ActionEvent;
  if (action.type === 'blog-post') return action as ActionEvent;
  return { ...action, by: user } as ActionEvent;
}

export const ConsentBody = z
  .discriminatedUnion('action', [
    z.strictObject({
      action: z.literal('connect'),
      network: z.enum(NETWORKS),
      /** The new account's id; the server makes one when none is given. */
      account: z.string().min(1).max(100).optional(),
      postVisibility: z.optional(PostVisibility),
    }),
    z.strictObject({
      action: z.literal('reconnect'),
      account: z.string().min(1),
      postVisibility: z.optional(PostVisibility),
    }),
    z.strictObject({
      action: z.literal('refresh-connection'),
      account: z.string().min(1),
      postVisibility: z.optional(PostVisibility),
    }),
  ])
  .meta({ id: 'ConsentRequest' });

export const Rejected = z
  .object({
    rule: z.string(),
    message: z.string(),
    key: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'Rejection' });
