// Everything that can happen to the state: user actions, observed network outcomes, and the time-driven
// transitions the rules schedule themselves. `apply` consumes these; effects are what the shell must do.
import { z } from 'zod/mini';
import type { LogKey, MessageParams } from './messages.ts';
import {
  Access,
  DigestFrequency,
  Network,
  type Notification,
  Outcome,
  PostVisibility,
  Profile,
  Stats,
} from './schemas.ts';

const id = z.string().check(z.minLength(1));

/** Actions of a person (or the product on their behalf). */
export const ActionEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('connect'),
    account: id,
    network: Network,
    by: id,
    postVisibility: z.optional(PostVisibility),
    profile: z.optional(Profile),
  }),
  z.strictObject({
    type: z.literal('reconnect'),
    account: id,
    by: id,
    postVisibility: z.optional(PostVisibility),
    profile: z.optional(Profile),
  }),
  z.strictObject({
    type: z.literal('refresh-connection'),
    account: id,
    by: id,
    postVisibility: z.optional(PostVisibility),
    profile: z.optional(Profile),
  }),
  z.strictObject({ type: z.literal('disconnect'), account: id, by: id }),
  z.strictObject({ type: z.literal('set-access'), account: id, by: id, access: Access }),
  z.strictObject({ type: z.literal('set-default'), account: id, by: id, value: z.boolean() }),
  z.strictObject({ type: z.literal('set-autopublish'), account: id, by: id, blog: z.nullable(id) }),
  z.strictObject({ type: z.literal('assign-brand'), account: id, by: id, brand: z.nullable(id) }),
  z.strictObject({
    type: z.literal('set-digest'),
    user: id,
    frequency: DigestFrequency,
    monthlyReport: z.boolean(),
  }),
  z.strictObject({ type: z.literal('blog-post'), blog: id, title: z.string(), url: z.string() }),
  /** Ask to publish a due post now, or a new ad-hoc post; the shell performs the `publish` effect. */
  z.strictObject({ type: z.literal('publish'), account: id, post: z.optional(id), by: z.optional(id) }),
]);
export type ActionEvent = z.infer<typeof ActionEvent>;

/** What the network answered (adapters classify; the shell reports it back). */
export const ObservedEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('checked'),
    results: z.array(z.strictObject({ account: id, outcome: Outcome, stats: z.optional(Stats) })),
  }),
  z.strictObject({
    type: z.literal('published'),
    account: id,
    post: id,
    outcome: Outcome,
    remoteId: z.optional(z.string()),
  }),
]);
export type ObservedEvent = z.infer<typeof ObservedEvent>;

/** Transitions the rules schedule by time (see due.ts). `due` is the rule's own instant. */
export const RuleEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('reauth-due'), account: id, due: z.number() }),
  z.strictObject({ type: z.literal('reminder'), account: id, due: z.number() }),
  z.strictObject({ type: z.literal('lapse'), account: id, due: z.number() }),
  z.strictObject({ type: z.literal('post-due'), account: id, post: id, due: z.number() }),
  z.strictObject({ type: z.literal('autopublish'), blog: id, url: z.string(), due: z.number() }),
]);
export type RuleEvent = z.infer<typeof RuleEvent>;

export type CoreEvent = ActionEvent | ObservedEvent | RuleEvent;
export const RULE_EVENT_TYPES = ['reauth-due', 'reminder', 'lapse', 'post-due', 'autopublish'] as const;

export type RuleId =
  | 'R1'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R9'
  | 'R10'
  | 'R11'
  | 'R12'
  | 'S1'
  | 'S2'
  | 'S3'
  | 'S4'
  | 'S5'
  | 'S6'
  | 'S7'
  | 'S8';

/** A refusal is data: which rule said no, and what to do instead. */
export interface Rejection {
  rule: RuleId;
  /** In English (the headless report); `key` and `params` let a UI say it in the reader's language. */
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

export type Effect =
  | { type: 'notify'; notification: Notification }
  /** Publish this post through the account's adapter, then report a `published` event. */
  | { type: 'publish'; account: string; post: string }
  /** The user disconnected the account: revoke its tokens at the network where the network allows it. */
  | { type: 'revoke'; account: string }
  /**
   * A line for the user-visible connection log: a message key and parameters (instants as epoch ms) that
   * each edge words in its reader's language (messages.ts LOG_MESSAGES), and the English line.
   */
  | {
      type: 'log';
      rule: RuleId;
      account: string | null;
      key: LogKey;
      params: MessageParams;
      message: string;
    };
