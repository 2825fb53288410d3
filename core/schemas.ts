// The domain vocabulary, as zod schemas; every type the rest of the product uses is inferred from here.
// Times inside the core are epoch milliseconds (UTC instants); ISO strings exist only at the edges
// (scenario files, reports, UI), see ../shared/spec/scenario.md.
import { z } from 'zod/mini';
import { Table } from './table.ts';

export const NETWORKS = ['facebook', 'instagram', 'x', 'linkedin', 'youtube'] as const;
export const Network = z.enum(NETWORKS);
export type Network = z.infer<typeof Network>;

export const Plan = z.enum(['professional', 'enterprise']);
export type Plan = z.infer<typeof Plan>;

/** S3 social permission. */
export const Permission = z.enum(['draft-only', 'own-accounts', 'all-accounts']);
export type Permission = z.infer<typeof Permission>;

/** S7 inbox digest frequency. */
export const DigestFrequency = z.enum(['off', 'daily', 'weekly']);
export type DigestFrequency = z.infer<typeof DigestFrequency>;

export const Instant = z.number().check(z.int(), z.nonnegative());

/**
 * The furthest after `now` a retry instant may lie (issue #13). A network's hint (Retry-After,
 * x-rate-limit-reset, Meta's estimated_time_to_regain_access) is bounded to it where it enters, and the core
 * and the engine bound stored instants by it too, so a huge hint or a clock that was wrong never stops an
 * account being checked for longer. Every daily limit the adapters know resets within a day.
 */
export const MAX_RETRY_AHEAD = 24 * 60 * 60 * 1000;

export const User = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  superAdmin: z._default(z.boolean(), false),
  permission: Permission,
  teams: z._default(z.array(z.string()), []),
  digest: z._default(z.strictObject({ frequency: DigestFrequency, monthlyReport: z.boolean() }), {
    frequency: 'off',
    monthlyReport: false,
  }),
});
export type User = z.infer<typeof User>;

/** S2 account access: everyone, only the connector, or an explicit list (enterprise only). */
export const Access = z.union([
  z.literal('everyone'),
  z.literal('private'),
  z.strictObject({
    users: z._default(z.array(z.string()), []),
    teams: z._default(z.array(z.string()), []),
  }),
]);
export type Access = z.infer<typeof Access>;

/** S4/S6 which posts the network reports: x chooses at connect time, the others are always all-sources. */
export const PostVisibility = z.enum(['all-sources', 'app-only']);
export type PostVisibility = z.infer<typeof PostVisibility>;

/** R2 disconnect reasons. */
export const DisconnectReason = z.enum([
  'reauth-required',
  'revoked',
  'token-expired',
  'security',
  'inactive',
  'deleted',
  'manual',
]);
export type DisconnectReason = z.infer<typeof DisconnectReason>;

/** The reasons a network can give for refusing a token (R2 minus the ones the product decides itself). */
export const AuthErrorReason = z.enum(['revoked', 'token-expired', 'security', 'inactive', 'deleted']);
export type AuthErrorReason = z.infer<typeof AuthErrorReason>;

/**
 * What a call to a network concluded (R2, R11, R12). Adapters produce it, the core consumes it.
 * `retryAt` on transient outcomes is the network's own hint (Retry-After, x-rate-limit-reset, Meta usage
 * headers) when it gave one; otherwise the core backs off exponentially (R11).
 */
export const Outcome = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ok') }),
  z.strictObject({ kind: z.literal('auth-error'), reason: AuthErrorReason, detail: z.optional(z.string()) }),
  z.strictObject({
    kind: z.literal('rate-limited'),
    retryAt: z.nullable(Instant),
    detail: z.optional(z.string()),
  }),
  z.strictObject({
    kind: z.literal('unavailable'),
    retryAt: z.nullable(Instant),
    detail: z.optional(z.string()),
  }),
  z.strictObject({ kind: z.literal('network-error'), detail: z.optional(z.string()) }),
]);
export type Outcome = z.infer<typeof Outcome>;
export type OutcomeKind = Outcome['kind'];
export const TRANSIENT_OUTCOMES = ['rate-limited', 'unavailable', 'network-error'] as const;

/** Stored status. `reauth-soon` is not stored: it is derived from time (R7). */
export const StoredStatus = z.enum(['connected', 'disconnected', 'lapsed']);
export type StoredStatus = z.infer<typeof StoredStatus>;
export const Status = z.enum(['connected', 'reauth-soon', 'disconnected', 'lapsed']);
export type Status = z.infer<typeof Status>;

export const LastCheck = z.strictObject({
  at: Instant,
  outcome: z.enum(['ok', 'auth-error', 'rate-limited', 'unavailable', 'network-error']),
  retryAt: z.nullable(Instant),
  /** Consecutive transient failures, for R11's exponential backoff. */
  failures: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  detail: z.optional(z.string()),
});
export type LastCheck = z.infer<typeof LastCheck>;

/** Counters the network reports for the S7 digest. */
export const Stats = z.strictObject({
  interactions: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  conversations: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  newFollowers: z._default(z.number().check(z.int(), z.nonnegative()), 0),
});
export type Stats = z.infer<typeof Stats>;

export const Profile = z.strictObject({
  /** The network's own id for the account: used to check that a reconnect brought back the same account. */
  networkUserId: z.string(),
  name: z.string(),
  handle: z.nullable(z.string()),
  avatarUrl: z.nullable(z.string()),
});
export type Profile = z.infer<typeof Profile>;

export const Account = z.strictObject({
  id: z.string().check(z.minLength(1)),
  network: Network,
  profile: z._default(z.nullable(Profile), null),
  /** Who last connected it (R6, R8, R10). */
  connectedBy: z.string(),
  /** Last (re)authorization (R1). */
  connectedAt: Instant,
  /** Last activity as the network counts it (R1 for x): a publish or a (re)authorization. */
  lastActiveAt: Instant,
  status: StoredStatus,
  reason: z.nullable(DisconnectReason),
  disconnectedAt: z.nullable(Instant),
  access: Access,
  postVisibility: PostVisibility,
  isDefault: z.boolean(),
  autopublishBlog: z.nullable(z.string()),
  brand: z.nullable(z.string()),
  lastCheck: z.nullable(LastCheck),
  /** R6: the reauthDueAt a reminder was already sent for (once per due date). */
  remindedFor: z.nullable(Instant),
  /** R5: posts purged when the account lapsed. */
  lost: z.number().check(z.int(), z.nonnegative()),
  stats: z._default(Stats, { interactions: 0, conversations: 0, newFollowers: 0 }),
});
export type Account = z.infer<typeof Account>;

/**
 * Post states. `cancelled` = scheduled when its account disconnected (R3); `missed` = cancelled and its
 * time passed before the reconnect (R4 Decision).
 */
export const PostState = z.enum(['scheduled', 'cancelled', 'missed', 'draft', 'published']);
export type PostState = z.infer<typeof PostState>;

export const Post = z.strictObject({
  id: z.string().check(z.minLength(1)),
  account: z.string(),
  state: PostState,
  at: z.nullable(Instant),
  author: z.string(),
  title: z.optional(z.string()),
  url: z.optional(z.string()),
  /** Instagram only takes image posts. */
  imageUrl: z.optional(z.string()),
  /** A transient publish failure keeps the post scheduled and retries at this instant (R11). */
  retryAt: z._default(z.nullable(Instant), null),
  /** Consecutive transient publish failures, for R11's exponential backoff. */
  attempts: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  /** Id the network gave the published post. */
  remoteId: z.optional(z.string()),
});
export type Post = z.infer<typeof Post>;

export const BlogPost = z.strictObject({
  blog: z.string(),
  title: z.string(),
  url: z.string(),
  publishedAt: Instant,
  /** S1: the social posts are produced once, 15 minutes after publication. */
  done: z.boolean(),
});
export type BlogPost = z.infer<typeof BlogPost>;

export const Settings = z.strictObject({
  plan: Plan,
  brandsAddon: z.boolean(),
  teams: z.array(z.string()),
  brands: z.array(z.string()),
  blogs: z.array(z.string()),
});
export type Settings = z.infer<typeof Settings>;

/** The State as plain data: what createState validates, JSON prints and IndexedDB stores. */
export const StateData = z.strictObject({
  settings: Settings,
  users: z.record(z.string(), User),
  /** Insertion order is display order (scenario file order). */
  accounts: z.record(z.string(), Account),
  /** Posts grouped by account id, so an event touches only its account's list. */
  posts: z.record(z.string(), z.array(Post)),
  blogPosts: z.array(BlogPost),
  /** Monotonic counter for ids the core itself creates (auto-published and ad-hoc posts). */
  seq: z.number().check(z.int(), z.nonnegative()),
});
export type StateData = z.infer<typeof StateData>;

/**
 * The State the rules work on: StateData with accounts and posts in immutable tables (core/table.ts), so
 * an event that replaces one account shares the rest with the State before it. `JSON.stringify` of a
 * State prints its StateData.
 */
export interface State extends Omit<StateData, 'accounts' | 'posts'> {
  accounts: Table<Account>;
  posts: Table<Post[]>;
}

export function stateFromData(data: StateData): State {
  return { ...data, accounts: Table.fromRecord(data.accounts), posts: Table.fromRecord(data.posts) };
}

export function stateToData(state: State): StateData {
  return { ...state, accounts: state.accounts.toJSON(), posts: state.posts.toJSON() };
}

export const Notification = z.strictObject({
  at: Instant,
  kind: z.enum(['reauth-reminder', 'disconnect-alert']),
  account: z.string(),
  recipients: z.array(z.string()),
});
export type Notification = z.infer<typeof Notification>;
