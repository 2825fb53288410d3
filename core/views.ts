// Derived views: what the popup, settings page, simulator report and badge show (shapes from
// ../shared/spec/scenario.md: AccountSnapshot, DigestEntry). Times stay epoch ms here; edges format them.
import { canDisconnect, canReconnect } from './access.ts';
import { needsAction, reauthDueAt, reconnectDeadline, status, visibleInSettings } from './lifecycle.ts';
import { POLICY } from './policy.ts';
import type { Access, Account, DigestFrequency, Network, Post, PostState, State, Status } from './schemas.ts';

export interface PostCounts {
  scheduled: number;
  cancelled: number;
  missed: number;
  drafts: number;
  published: number;
  publishedVisible: number;
  lost: number;
}

export interface AccountSnapshot {
  id: string;
  network: Network;
  status: Status;
  reason: Account['reason'];
  reauthDueAt: number | null;
  disconnectedAt: number | null;
  reconnectDeadline: number | null;
  visibleInSettings: boolean;
  lastCheck: {
    at: number;
    outcome: NonNullable<Account['lastCheck']>['outcome'];
    retryAt: number | null;
  } | null;
  posts: PostCounts;
  canReconnect: string[];
  canDisconnect: string[];
  recommendedReconnector: string | null;
  access: Access;
  default: boolean;
  autopublish: string | null;
  brand: string | null;
  postVisibility: Account['postVisibility'];
  sharingLocked: boolean;
}

const COUNTED: Record<PostState, keyof PostCounts> = {
  scheduled: 'scheduled',
  cancelled: 'cancelled',
  missed: 'missed',
  draft: 'drafts',
  published: 'published',
};

export function postCounts(account: Account, posts: readonly Post[]): PostCounts {
  const counts: PostCounts = {
    scheduled: 0,
    cancelled: 0,
    missed: 0,
    drafts: 0,
    published: 0,
    publishedVisible: 0,
    lost: account.lost,
  };
  for (const p of posts) counts[COUNTED[p.state]]++;
  // R3: published posts stay stored but are hidden from the Published view while not connected.
  counts.publishedVisible = account.status === 'connected' ? counts.published : 0;
  return counts;
}

/** An account's settings as a snapshot shows them (S2, S4, S5, S6, S8), for every view that lists them. */
export const settingsOf = (s: AccountSnapshot) => ({
  access: s.access,
  default: s.default,
  autopublish: s.autopublish,
  brand: s.brand,
  postVisibility: s.postVisibility,
  sharingLocked: s.sharingLocked,
});

export function snapshot(state: State, account: Account, now: number): AccountSnapshot {
  return {
    id: account.id,
    network: account.network,
    status: status(account, now),
    reason: account.status === 'connected' ? null : account.reason,
    reauthDueAt: reauthDueAt(account),
    disconnectedAt: account.status === 'connected' ? null : account.disconnectedAt,
    reconnectDeadline: reconnectDeadline(account),
    visibleInSettings: visibleInSettings(account, now),
    lastCheck: account.lastCheck
      ? { at: account.lastCheck.at, outcome: account.lastCheck.outcome, retryAt: account.lastCheck.retryAt }
      : null,
    posts: postCounts(account, state.posts.get(account.id) ?? []),
    canReconnect: canReconnect(state, account),
    canDisconnect: canDisconnect(state, account),
    recommendedReconnector: account.connectedBy in state.users ? account.connectedBy : null,
    access: account.access,
    default: account.isDefault,
    autopublish: account.autopublishBlog,
    brand: account.brand,
    // S6: only x chooses; S4: x with all-sources has its sharing option forced on.
    postVisibility: POLICY[account.network].choosesPostVisibility ? account.postVisibility : 'all-sources',
    sharingLocked: account.network === 'x' && account.postVisibility === 'all-sources',
  };
}

export function snapshots(state: State, now: number): AccountSnapshot[] {
  return state.accounts.list().map((a) => snapshot(state, a, now));
}

/** Badge severity: a disconnect has a deadline, so it outranks a lapse (already lost) and a due reauth. */
const SEVERITY: Record<Status, number> = { connected: 0, 'reauth-soon': 1, lapsed: 2, disconnected: 3 };

/** Badge: how many accounts need a person, and the most severe status among them. */
export function attention(state: State, now: number): { count: number; worst: Status } {
  let count = 0;
  let worst: Status = 'connected';
  for (const account of state.accounts.list()) {
    const s = status(account, now);
    if (!needsAction(s)) continue;
    count++;
    if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  }
  return { count, worst };
}

export interface DigestEntry {
  user: string;
  frequency: DigestFrequency;
  monthlyReport: boolean;
  accounts: string[];
  counts: { interactions: number; newFollowers: number };
}

/** Why an account is or is not in a user's digest (S7), for the settings preview. */
export type DigestInclusion = 'included' | 'not-everyone';

export function digestInclusion(account: Account): DigestInclusion {
  return account.access === 'everyone' ? 'included' : 'not-everyone';
}

/**
 * S7: only accounts whose access is `everyone`; interactions from instagram and youtube never count;
 * new followers count only for x. A user whose digest is off receives none, so lists nothing.
 */
export function digest(state: State): DigestEntry[] {
  const included = state.accounts.list().filter((a) => digestInclusion(a) === 'included');
  let interactions = 0;
  let newFollowers = 0;
  for (const a of included) {
    const rule = POLICY[a.network].digest;
    if (rule.interactions) interactions += a.stats.interactions + a.stats.conversations;
    if (rule.followers) newFollowers += a.stats.newFollowers;
  }
  const ids = included.map((a) => a.id).sort();
  return Object.values(state.users).map((u) => {
    const on = u.digest.frequency !== 'off';
    return {
      user: u.id,
      frequency: u.digest.frequency,
      monthlyReport: u.digest.monthlyReport,
      accounts: on ? ids : [],
      counts: on ? { interactions, newFollowers } : { interactions: 0, newFollowers: 0 },
    };
  });
}
