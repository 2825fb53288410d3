// What a member sees (issue #15 "the member's view"): the AccountSnapshot of scenario.md with ISO instants,
// plus the account's name, handle and avatar, for every account S3 lets them see (a draft-only user
// without access does not even see the name), the team's counts and the server's time.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type Account,
  attention,
  canDisconnect,
  canReconnect,
  level,
  type State,
  type Status,
  snapshot,
  Table,
  type User,
} from '../core/index.ts';
import { formatSnapshot, iso } from '../sim/report.ts';

export const AccountView = z
  .object({
    id: z.string(),
    network: z.string(),
    name: z.string().nullable(),
    handle: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    status: z.enum(['connected', 'reauth-soon', 'disconnected', 'lapsed']),
    reason: z.string().nullable(),
    reauthDueAt: z.string().nullable(),
    disconnectedAt: z.string().nullable(),
    reconnectDeadline: z.string().nullable(),
    visibleInSettings: z.boolean(),
    lastCheck: z.object({ at: z.string(), outcome: z.string(), retryAt: z.string().nullable() }).nullable(),
    posts: z.record(z.string(), z.number()),
    canReconnect: z.array(z.string()),
    canDisconnect: z.array(z.string()),
    recommendedReconnector: z.string().nullable(),
    access: z.unknown(),
    default: z.boolean(),
    autopublish: z.string().nullable(),
    brand: z.string().nullable(),
    postVisibility: z.string(),
    sharingLocked: z.boolean(),
    /** What S3 lets this member do with the account, and whether R8/R10 name them. */
    you: z.object({
      level: z.enum(['full', 'drafts', 'none']),
      mayReconnect: z.boolean(),
      mayDisconnect: z.boolean(),
    }),
  })
  .meta({ id: 'AccountView' });
export type AccountView = z.infer<typeof AccountView>;

export const MemberView = z
  .object({
    serverTime: z.string(),
    team: z.object({ id: z.string(), name: z.string() }),
    me: z.object({
      id: z.string(),
      name: z.string().nullable(),
      superAdmin: z.boolean(),
      permission: z.string(),
    }),
    /** Every member's display name by id, so "ask …" hints (R8, R10) name people, not ids. */
    users: z.record(z.string(), z.string()),
    plan: z.string(),
    /** S8: the brands filter exists on enterprise with the add-on only; null otherwise. */
    brands: z.array(z.string()).nullable(),
    counts: z.object({
      accounts: z.number(),
      attention: z.number(),
      worst: z.string(),
      byStatus: z.record(z.string(), z.number()),
    }),
    accounts: z.array(AccountView),
  })
  .meta({ id: 'MemberView' });
export type MemberView = z.infer<typeof MemberView>;

/** S3: the accounts a user may see at all, in team order. */
export function visibleAccounts(state: State, user: User): Account[] {
  return state.accounts.list().filter((a) => level(user, a) !== 'hidden');
}

export function accountView(state: State, account: Account, user: User, now: number): AccountView {
  const s = formatSnapshot(snapshot(state, account, now));
  return {
    ...s,
    name: account.profile?.name ?? null,
    handle: account.profile?.handle ?? null,
    avatarUrl: account.profile?.avatarUrl ?? null,
    posts: { ...s.posts },
    you: {
      level: level(user, account) as 'full' | 'drafts' | 'none',
      mayReconnect: canReconnect(state, account).includes(user.id),
      mayDisconnect: canDisconnect(state, account).includes(user.id),
    },
  };
}

export function memberView(
  team: { id: string; name: string; state: State },
  user: User,
  now: number,
): MemberView {
  const visible = visibleAccounts(team.state, user);
  const accounts = visible.map((a) => accountView(team.state, a, user, now));
  const byStatus: Partial<Record<Status, number>> = {};
  for (const a of accounts) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  // The badge counts only what this member can see.
  const badge = attention(
    { ...team.state, accounts: Table.from(visible.map((a) => [a.id, a] as const)) },
    now,
  );
  return {
    serverTime: iso(now)!,
    team: { id: team.id, name: team.name },
    me: { id: user.id, name: user.name ?? null, superAdmin: user.superAdmin, permission: user.permission },
    users: Object.fromEntries(Object.values(team.state.users).map((u) => [u.id, u.name ?? u.id])),
    plan: team.state.settings.plan,
    brands:
      team.state.settings.plan === 'enterprise' && team.state.settings.brandsAddon
        ? team.state.settings.brands
        : null,
    counts: {
      accounts: accounts.length,
      attention: badge.count,
      worst: badge.worst,
      byStatus,
    },
    accounts,
  };
}

/** A weak ETag over everything but the server's time, so an unchanged poll costs a 304. */
export function etagOf(view: MemberView): string {
  const { serverTime: _t, ...rest } = view;
  return `W/"${createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 27)}"`;
}
